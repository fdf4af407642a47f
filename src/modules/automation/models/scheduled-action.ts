import { model } from "@medusajs/framework/utils"

/** An action to run later (a delay or a date), executed by the due-actions job under a lock. */
const AutomationScheduledAction = model
  .define("promoter_automation_scheduled_action", {
    id: model.id({ prefix: "asched" }).primaryKey(),
    rule_id: model.text(),
    subject_type: model.enum(["customer", "promoter"]),
    subject_id: model.text(),
    action: model.json(),
    context: model.json().nullable(),
    run_at: model.dateTime(),
    status: model.enum(["pending", "done", "failed"]).default("pending"),
    unique_key: model.text(),
    attempts: model.number().default(0),
    last_error: model.text().nullable(),
  })
  .indexes([{ on: ["unique_key"], unique: true }, { on: ["status", "run_at"] }])

export default AutomationScheduledAction
