import { model } from "@medusajs/framework/utils"

/**
 * "This rule fired for this subject in this period": the unique key that makes once / once-per-period hold.
 * A claim is completed when the rule's actions have run; `actions_done` counts the actions finished so far, so a
 * delivery that takes over the stale claim of a process that died (see claimFiring) runs only the rest.
 */
const AutomationFiring = model
  .define("promoter_automation_firing", {
    id: model.id({ prefix: "afire" }).primaryKey(),
    rule_id: model.text(),
    subject_id: model.text(),
    period_key: model.text(),
    run_id: model.text().nullable(),
    claimed_at: model.dateTime().nullable(),
    completed_at: model.dateTime().nullable(),
    actions_done: model.number().default(0),
  })
  .indexes([{ on: ["rule_id", "subject_id", "period_key"], unique: true }])

export default AutomationFiring
