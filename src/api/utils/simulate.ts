import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { simulateRule } from "../../workflows/automation/utils/simulate"
import { estimateOutcomes } from "../../workflows/insights/utils/estimate"
import { isHeldOut } from "../../lib/insights"
import type { Rule } from "../../lib/rules-engine"
import type { SimulateRuleType } from "../validators"

/** The dry-run, with a cost and outcome estimate for the firings it found (from the store's measured outcomes). */
export async function simulate(req: AuthenticatedMedusaRequest<SimulateRuleType>, rule: Rule, ruleId?: string) {
  const body = req.validatedBody
  const result = await simulateRule({
    container: req.scope,
    rule,
    ruleId,
    subject: body.subject,
    events: body.events,
    from: body.from,
    to: body.to,
  })
  // A saved rule's control group is known: each firing says whether its subject would be held out.
  const share = rule.holdout?.share ?? 0
  const runs = result.runs.map((r) =>
    r.fired && share > 0 && ruleId ? { ...r, would_be: isHeldOut({ salt: ruleId, subjectId: r.subject.id, share }) ? ("held_out" as const) : ("treated" as const) } : r
  )
  return { ...result, runs, estimate: await estimateOutcomes(req.scope, { rule, ruleId, firings: result.fired }) }
}
