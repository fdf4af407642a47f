import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { predictionOf } from "../../../../utils/insights"

/** The customer's probabilities of ordering, expected next order, churn-risk band, and the model behind them. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await req.scope.resolve(Modules.CUSTOMER).retrieveCustomer(req.params.id)
  res.json(await predictionOf(req, { type: "customer", id: req.params.id }))
}
