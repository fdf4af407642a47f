import { model } from "@medusajs/framework/utils"

/** "This rule fired for this subject in this period": the unique key that makes once / once-per-period hold. */
const AutomationFiring = model
  .define("automation_firing", {
    id: model.id({ prefix: "afire" }).primaryKey(),
    rule_id: model.text(),
    subject_id: model.text(),
    period_key: model.text(),
    run_id: model.text().nullable(),
  })
  .indexes([{ on: ["rule_id", "subject_id", "period_key"], unique: true }])

export default AutomationFiring
