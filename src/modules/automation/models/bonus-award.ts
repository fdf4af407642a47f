import { model } from "@medusajs/framework/utils"

/**
 * Bonuses awarded before 0.1.0, read only by the review of those still held. A bonus's one record is now its ledger
 * entry (kind "bonus", with what earned it in `context`); nothing writes here any more.
 */
const AutomationBonusAward = model
  .define("promoter_automation_bonus_award", {
    id: model.id({ prefix: "abonus" }).primaryKey(),
    rule_id: model.text(),
    promoter_id: model.text(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    note: model.text().nullable(),
    unique_key: model.text(),
    run_id: model.text().nullable(),
    /** What the bonus was earned under, for its review at the end of the hold (null on awards from before). */
    rule_version: model.number().nullable(),
    definition: model.json().nullable(),
    event: model.json().nullable(),
  })
  .indexes([{ on: ["unique_key"], unique: true }, { on: ["promoter_id"] }])

export default AutomationBonusAward
