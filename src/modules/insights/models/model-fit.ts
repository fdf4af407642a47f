import { model } from "@medusajs/framework/utils"

/** A fit of the purchase model: its parameters, the history it saw, and its accuracy on held-out history. */
const InsightModelFit = model
  .define("promoter_insight_model_fit", {
    id: model.id({ prefix: "ifit" }).primaryKey(),
    kind: model.text(),
    fitted_at: model.dateTime(),
    as_of: model.dateTime(),
    customers: model.number(),
    orders: model.number(),
    params: model.json(),
    /** Fit on history up to as_of − 90 days, scored on the 30 and 90 days after, next to naive baselines. */
    validation: model.json().nullable(),
    duration_ms: model.number(),
  })
  .indexes([{ on: ["fitted_at"] }])

export default InsightModelFit
