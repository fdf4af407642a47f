import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { automationService } from "../../../../utils/automation"
import type { ListRunsType } from "../../../../validators"

/** The rule's run history, newest first, each with its per-condition trace and the actions taken. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, ListRunsType>, res: MedusaResponse) => {
  const automation = automationService(req)
  await automation.retrieveAutomationRule(req.params.id)
  const { subject_id, limit, offset } = req.validatedQuery
  const [runs, count] = await automation.listAndCountAutomationRuns(
    { rule_id: req.params.id, ...(subject_id ? { subject_id } : {}) },
    { take: limit, skip: offset, order: { evaluated_at: "DESC" } }
  )
  res.json({ runs, count, limit, offset })
}
