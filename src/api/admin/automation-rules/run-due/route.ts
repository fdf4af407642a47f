import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { runDateTriggers, runDueActions, runDueSchedulesNow } from "../../../../workflows/automation/utils/due-work"
import { clock } from "../../../../lib/clock"

/**
 * Runs now what the jobs run on their schedule: due delayed actions, today's date triggers, and cron rules whose
 * slot fell since the last schedules run. All idempotent (row locks, firing keys, the schedules job's slot), so
 * calling it again changes nothing.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const now = clock.now()
  const due_actions = await runDueActions(req.scope)
  const date_runs = await runDateTriggers(req.scope)
  const schedule_runs = await runDueSchedulesNow(req.scope, { now })
  res.json({
    due_actions,
    date_runs: date_runs.filter((r) => r.fired).length,
    schedule_runs: schedule_runs.filter((r) => r.fired).length,
  })
}
