import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { parseDefinition } from "../../../../../workflows/automation/steps/save-automation-rule"
import { automationService } from "../../../../utils/automation"
import { simulate } from "../../../../utils/simulate"
import type { SimulateRuleType } from "../../../../validators"

/** Dry-run of a saved rule (or of an edited definition of it) on given events or on history: no side effect. */
export const POST = async (req: AuthenticatedMedusaRequest<SimulateRuleType>, res: MedusaResponse) => {
  const saved = await automationService(req).retrieveAutomationRule(req.params.id)
  const rule = parseDefinition(req.validatedBody.definition ?? saved.definition)
  res.json({ simulation: await simulate(req, rule, saved.id) })
}
