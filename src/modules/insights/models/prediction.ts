import { model } from "@medusajs/framework/utils"

/**
 * The latest prediction for one customer or promoter, replaced by every fit. Customers: the purchase model's
 * probabilities with the recency / frequency / tenure they came from. Promoters: this month's forecast and the
 * chances of the next goal and tier, with the figures behind them.
 */
const InsightPrediction = model
  .define("promoter_insight_prediction", {
    id: model.id({ prefix: "ipred" }).primaryKey(),
    subject_type: model.enum(["customer", "promoter"]),
    subject_id: model.text(),
    fit_id: model.text().nullable(),
    predicted_at: model.dateTime(),
    p_order_30d: model.float().nullable(),
    p_order_90d: model.float().nullable(),
    p_alive: model.float().nullable(),
    expected_orders_90d: model.float().nullable(),
    days_to_next_order: model.float().nullable(),
    next_order_at: model.dateTime().nullable(),
    churn_risk: model.enum(["low", "medium", "high"]).nullable(),
    /** Evidence: repeat-order days, days from first to last order, days since the first order. */
    frequency: model.number().nullable(),
    recency_days: model.float().nullable(),
    tenure_days: model.float().nullable(),
    currency_code: model.text().nullable(),
    month_sales: model.bigNumber().nullable(),
    month_sales_forecast: model.bigNumber().nullable(),
    p_next_goal: model.float().nullable(),
    p_next_tier: model.float().nullable(),
    /** Promoters: the goal and tier the probabilities are about, with the rates they were projected from. */
    details: model.json().nullable(),
  })
  .indexes([{ on: ["subject_type", "subject_id"], unique: true }, { on: ["churn_risk"] }])

export default InsightPrediction
