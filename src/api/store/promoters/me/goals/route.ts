import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { currentPromoterId } from "../../../../utils/current-promoter"
import { promoterGoals, tierProgress } from "../../../../../workflows/insights/utils/goals"

/**
 * The logged-in promoter's goals: thresholds the store's active automation rules set on their own sales, orders
 * and recruits in a running period ("$1,290 of $1,500 this month"), and progress towards the next earned tier.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const promoterId = await currentPromoterId(req)
  const [goals, tier] = await Promise.all([promoterGoals(req.scope, promoterId), tierProgress(req.scope, promoterId)])
  res.json({ goals, tier })
}
