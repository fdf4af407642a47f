import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { saveAutomationRuleWorkflow } from "../../../../../workflows/automation/save-automation-rule"
import { automationService } from "../../../../utils/automation"

export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await automationService(req).retrieveAutomationRule(req.params.id)
  const { result } = await saveAutomationRuleWorkflow(req.scope).run({ input: { id: req.params.id, status: "paused" } })
  res.json({ automation_rule: result })
}
