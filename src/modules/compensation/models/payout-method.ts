import { model } from "@medusajs/framework/utils"

/**
 * How a promoter is paid: one method per promoter, a payout provider's id and the details it validated. The
 * provider's secret fields are stored here and never answered (see payoutMethodView).
 */
const PayoutMethod = model
  .define("promoter_payout_method", {
    id: model.id({ prefix: "pmeth" }).primaryKey(),
    promoter_id: model.text(),
    provider_id: model.text(),
    details: model.json(),
  })
  .indexes([{ on: ["promoter_id"], unique: true, where: "deleted_at IS NULL" }])

export default PayoutMethod
