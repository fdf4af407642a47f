import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { INSIGHTS_MODULE } from "../../modules/insights"
import type InsightsModuleService from "../../modules/insights/service"

function insightsService(req: MedusaRequest) {
  return req.scope.resolve<InsightsModuleService>(INSIGHTS_MODULE)
}

/** A subject's stored prediction with the model fit it came from (and that fit's accuracy on held-out history). */
export async function predictionOf(req: MedusaRequest, subject: { type: "customer" | "promoter"; id: string }) {
  const insights = insightsService(req)
  const [prediction] = await insights.listInsightPredictions({ subject_type: subject.type, subject_id: subject.id }, { take: 1 })
  if (!prediction && subject.type === "promoter") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `no prediction for promoter ${subject.id} yet (fit with POST /admin/automation/predictions/fit)`)
  }
  const [fit] = prediction?.fit_id
    ? await insights.listInsightModelFits({ id: prediction.fit_id }, { take: 1 })
    : await insights.listInsightModelFits({}, { take: 1, order: { fitted_at: "DESC" } })
  return {
    prediction: prediction ?? null,
    model: fit ? { id: fit.id, kind: fit.kind, fitted_at: fit.fitted_at, as_of: fit.as_of, customers: fit.customers, orders: fit.orders, params: fit.params, validation: fit.validation } : null,
  }
}
