// The stored predictions as rule facts (customer.prediction.*, customer.churn_risk, promoter.forecast.month_sales,
// promoter.p_next_goal, promoter.p_next_tier): one row read per evaluation, null before the first fit.
import type { MedusaContainer } from "@medusajs/framework/types"
import { INSIGHTS_MODULE } from "../../../modules/insights"
import type InsightsModuleService from "../../../modules/insights/service"

export const PREDICTION_FACTS = new Set([
  "customer.prediction.p_order_30d",
  "customer.prediction.p_order_90d",
  "customer.prediction.p_alive",
  "customer.prediction.days_to_next_order",
  "customer.churn_risk",
  "promoter.forecast.month_sales",
  "promoter.p_next_goal",
  "promoter.p_next_tier",
])

export async function predictionFact(
  container: MedusaContainer,
  subject: { type: "customer" | "promoter"; id: string }
): Promise<((name: string) => unknown) | null> {
  const [row] = await container
    .resolve<InsightsModuleService>(INSIGHTS_MODULE)
    .listInsightPredictions({ subject_type: subject.type, subject_id: subject.id }, { take: 1 })
  if (!row) return null
  return (name) => {
    switch (name) {
      case "customer.prediction.p_order_30d":
        return row.p_order_30d
      case "customer.prediction.p_order_90d":
        return row.p_order_90d
      case "customer.prediction.p_alive":
        return row.p_alive
      case "customer.prediction.days_to_next_order":
        return row.days_to_next_order
      case "customer.churn_risk":
        return row.churn_risk
      case "promoter.forecast.month_sales":
        return row.month_sales_forecast === null || row.month_sales_forecast === undefined
          ? null
          : { amount: String(row.month_sales_forecast), currency_code: row.currency_code ?? "usd" }
      case "promoter.p_next_goal":
        return row.p_next_goal
      case "promoter.p_next_tier":
        return row.p_next_tier
      default:
        return null
    }
  }
}
