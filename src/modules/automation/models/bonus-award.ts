import { model } from "@medusajs/framework/utils"

/** A bonus a rule awarded a promoter; the compensation ledger takes these over as bonus entries. */
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
