import { model } from "@medusajs/framework/utils"

/**
 * One run of one of the plugin's scheduled jobs for one slot (a minute of its schedule, or the period it works on).
 * The unique (job, slot) is what makes a slot run once, across restarts and worker processes; a failed run, or one
 * left `running` by a crash, is claimed again by the next run of the job.
 */
const AutomationJobRun = model
  .define("promoter_automation_job_run", {
    id: model.id({ prefix: "ajob" }).primaryKey(),
    job: model.text(),
    slot: model.text(),
    status: model.enum(["running", "done", "failed"]).default("running"),
    scheduled_for: model.dateTime().nullable(),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    attempts: model.number().default(1),
    last_error: model.text().nullable(),
  })
  .indexes([{ on: ["job", "slot"], unique: true }])

export default AutomationJobRun
