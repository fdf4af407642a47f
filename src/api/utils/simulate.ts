import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { simulateRule } from "../../automation/simulate"
import type { Rule } from "../../lib/rules-engine"
import type { SimulateRuleType } from "../validators"

export async function simulate(req: AuthenticatedMedusaRequest<SimulateRuleType>, rule: Rule, ruleId?: string) {
  const body = req.validatedBody
  return await simulateRule({
    container: req.scope,
    rule,
    ruleId,
    subject: body.subject,
    events: body.events,
    from: body.from,
    to: body.to,
  })
}
