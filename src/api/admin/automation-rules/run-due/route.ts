import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { runDateTriggers, runDueActions, runScheduledRules } from "../../../../automation/jobs"
import { automationService } from "../../../utils/automation"

/**
 * Runs now what the jobs run on their schedule: due delayed actions, today's date triggers, and cron rules whose
 * slot fell in the last minute. All idempotent (row locks, firing keys), so calling it again changes nothing.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const now = automationService(req).now()
  const due_actions = await runDueActions(req.scope)
  const date_runs = await runDateTriggers(req.scope)
  const schedule_runs = await runScheduledRules(req.scope, { from: new Date(now.getTime() - 60_000), to: now })
  res.json({
    due_actions,
    date_runs: date_runs.filter((r) => r.fired).length,
    schedule_runs: schedule_runs.filter((r) => r.fired).length,
  })
}
