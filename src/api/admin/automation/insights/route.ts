import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buildInsights } from "../../../../workflows/insights/utils/summary"
import type { InsightsRangeType } from "../../../validators"

/**
 * The store's automation over a period (default: the summary period up to now): per rule what it did, cost and
 * returned against its control group; promoters close to a goal; suggestions with their evidence; the summary text.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, InsightsRangeType>, res: MedusaResponse) => {
  const { from, to } = req.validatedQuery
  const { figures, suggestions, text, writer } = await buildInsights(req.scope, { from, to })
  res.json({ insights: { ...figures, suggestions }, text, writer })
}
