import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { saveAutomationRuleWorkflow } from "../../../../workflows/automation/save-automation-rule"
import { automationService } from "../../../utils/automation"
import type { SaveAutomationRuleType } from "../../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const automation = automationService(req)
  const rule = await automation.retrieveAutomationRule(req.params.id)
  const lastRuns = await automation.listAutomationRuns({ rule_id: rule.id }, { take: 10, order: { evaluated_at: "DESC" } })
  res.json({ automation_rule: { ...rule, last_runs: lastRuns } })
}

export const POST = async (req: AuthenticatedMedusaRequest<SaveAutomationRuleType>, res: MedusaResponse) => {
  await automationService(req).retrieveAutomationRule(req.params.id)
  const { result } = await saveAutomationRuleWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id } })
  res.json({ automation_rule: result })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const automation = automationService(req)
  await automation.retrieveAutomationRule(req.params.id)
  await automation.softDeleteAutomationRules(req.params.id)
  res.json({ id: req.params.id, object: "automation_rule", deleted: true })
}
