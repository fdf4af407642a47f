import { model } from "@medusajs/framework/utils"

/** A promoter's tier history: every change, why, and the figures it was decided on. */
const TierChange = model
  .define("promoter_tier_change", {
    id: model.id({ prefix: "ptchg" }).primaryKey(),
    promoter_id: model.text(),
    from_tier_id: model.text().nullable(),
    to_tier_id: model.text().nullable(),
    reason: model.enum(["qualification", "admin", "rule"]),
    period_key: model.text().nullable(),
    figures: model.json().nullable(),
  })
  .indexes([{ on: ["promoter_id", "created_at"] }, { on: ["promoter_id", "period_key"], unique: true, where: "period_key IS NOT NULL" }])

export default TierChange
