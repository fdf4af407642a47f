import { model } from "@medusajs/framework/utils"

/**
 * A promoter asking to be paid their approved balance in one currency (it reached the plan's minimum when asked). An
 * admin approves it (a payout of that promoter's balance through their method's provider) or rejects it. One open
 * request per promoter and currency.
 */
const PayoutRequest = model
  .define("promoter_payout_request", {
    id: model.id({ prefix: "preq" }).primaryKey(),
    promoter_id: model.text(),
    currency_code: model.text(),
    /** The approved balance when asked (what the payout pays is the balance when it is approved). */
    amount: model.bigNumber(),
    status: model.enum(["requested", "approved", "rejected"]).default("requested"),
    payout_id: model.text().nullable(),
    decided_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["promoter_id", "currency_code"], unique: true, where: "status = 'requested' AND deleted_at IS NULL" }])

export default PayoutRequest
