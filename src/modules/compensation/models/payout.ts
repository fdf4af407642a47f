import { model } from "@medusajs/framework/utils"

/** A payout batch in one currency: the approved balances above the minimum at the time it was made. */
const Payout = model.define("promoter_commission_payout", {
  id: model.id({ prefix: "cpay" }).primaryKey(),
  currency_code: model.text(),
  status: model.enum(["open", "paid"]).default("open"),
  total: model.bigNumber(),
  lines: model.json(),
  paid_at: model.dateTime().nullable(),
  reference: model.text().nullable(),
})

export default Payout
