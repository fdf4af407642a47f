import { model } from "@medusajs/framework/utils"

/** The unilevel plan (one row). Rates per level live on the tiers (promoter module). */
const CommissionPlan = model.define("promoter_commission_plan", {
  id: model.id({ prefix: "cplan" }).primaryKey(),
  max_depth: model.number().default(3),
  compression: model.boolean().default(false),
  hold_days: model.number().default(30),
  /** items_after_discounts (default) or items_after_discounts_with_shipping; always excluding tax. */
  base: model.enum(["items_after_discounts", "items_after_discounts_with_shipping"]).default("items_after_discounts"),
  /** Minimum balance per currency for a payout, e.g. { "usd": "25" }. */
  minimum_payout: model.json().nullable(),
  /** Rates (basis points per level) for promoters without a tier. */
  default_rates_bps: model.json().nullable(),
})

export default CommissionPlan
