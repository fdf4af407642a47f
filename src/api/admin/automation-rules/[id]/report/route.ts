import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ruleReport } from "../../../../../workflows/insights/utils/report"
import type { InsightsRangeType } from "../../../../validators"

/** The rule's measured outcomes: funnel, cost, treated against held out with the uplift, variants and allocation. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, InsightsRangeType>, res: MedusaResponse) => {
  const { from, to } = req.validatedQuery
  res.json({ report: await ruleReport(req.scope, { ruleId: req.params.id, from, to }) })
}
