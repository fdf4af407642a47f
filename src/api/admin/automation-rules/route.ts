import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { saveAutomationRuleWorkflow } from "../../../workflows/automation/save-automation-rule"
import { automationService } from "../../utils/automation"
import type { ListAutomationRulesType, SaveAutomationRuleType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, ListAutomationRulesType>, res: MedusaResponse) => {
  const { status, q } = req.validatedQuery
  const { skip, take } = req.queryConfig.pagination
  const [rules, count] = await automationService(req).listAndCountAutomationRules(
    { ...(status ? { status } : {}), ...(q ? { q } : {}) },
    { skip, take, order: { created_at: "DESC" } }
  )
  const summaries = await automationService(req).runSummaries(rules.map((r) => r.id))
  const none = { runs_30d: 0, fired_30d: 0, last_run_at: null, last_fired_at: null }
  res.json({
    automation_rules: rules.map((r) => ({ ...r, runs: summaries.get(r.id) ?? none })),
    count,
    offset: skip,
    limit: take,
  })
}

export const POST = async (req: AuthenticatedMedusaRequest<SaveAutomationRuleType>, res: MedusaResponse) => {
  const { result } = await saveAutomationRuleWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ automation_rule: result })
}
