import { model } from "@medusajs/framework/utils"

/** A periodic summary of what the automation did, as sent to the store: the text and the figures behind it. */
const InsightSummary = model
  .define("promoter_insight_summary", {
    id: model.id({ prefix: "isum" }).primaryKey(),
    period_start: model.dateTime(),
    period_end: model.dateTime(),
    writer: model.text(),
    text: model.text(),
    data: model.json(),
    notified_to: model.json().nullable(),
    /** One summary per period: a job that runs twice sends it once. */
    period_key: model.text(),
  })
  .indexes([{ on: ["period_key"], unique: true }])

export default InsightSummary
