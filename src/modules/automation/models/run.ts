import { model } from "@medusajs/framework/utils"

/** One evaluation of one rule for one subject: the trigger, the per-condition trace, the actions and errors. */
const AutomationRun = model
  .define("promoter_automation_run", {
    id: model.id({ prefix: "arun" }).primaryKey(),
    rule_id: model.text(),
    rule_version: model.number(),
    subject_type: model.enum(["customer", "promoter"]),
    subject_id: model.text(),
    trigger: model.json(),
    matched: model.boolean(),
    fired: model.boolean(),
    skipped_reason: model.text().nullable(),
    trace: model.json().nullable(),
    actions: model.json().nullable(),
    errors: model.json().nullable(),
    dry_run: model.boolean().default(false),
    evaluated_at: model.dateTime(),
  })
  .indexes([{ on: ["rule_id", "evaluated_at"] }, { on: ["subject_id", "evaluated_at"] }])

export default AutomationRun
