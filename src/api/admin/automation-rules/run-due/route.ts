import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { runDateTriggers, runDueActions } from "../../../../automation/jobs"

/** Runs what the jobs would run now: due delayed actions and today's date triggers (both idempotent). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const due_actions = await runDueActions(req.scope)
  const date_runs = await runDateTriggers(req.scope)
  res.json({ due_actions, date_runs: date_runs.filter((r) => r.fired).length })
}
