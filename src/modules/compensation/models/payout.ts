import { model } from "@medusajs/framework/utils"

/**
 * A payout batch in one currency through one provider: the approved balances above the minimum at the time it was
 * made. draft → processing (lines being sent, or pending at the provider) → paid | partially_failed | failed. `lines`
 * holds `list` (the lines the payout pays, each with its status, provider reference and idempotency key; their sum is
 * `total` and equals the payout's entries) and `failed` (lines the provider refused, with the error: their entries
 * went back to approved and out of the payout).
 */
const Payout = model.define("promoter_commission_payout", {
  id: model.id({ prefix: "cpay" }).primaryKey(),
  currency_code: model.text(),
  provider_id: model.text().default("manual"),
  status: model.enum(["draft", "processing", "paid", "partially_failed", "failed"]).default("draft"),
  total: model.bigNumber(),
  lines: model.json(),
  paid_at: model.dateTime().nullable(),
  reference: model.text().nullable(),
  /** The last sending's failure (provider unreachable, a timeout): the lines it could not settle stay to be retried. */
  error: model.text().nullable(),
})

export default Payout
