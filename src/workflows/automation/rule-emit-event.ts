import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PromoterEvents } from "../../lib/events"

export type RuleEmitEventInput = {
  /** The named event, for listeners outside the rules. */
  event: string
  /** The payload: the action's data, the subject, the rule, the chain depth and the action's key. */
  data: Record<string, unknown> & { key: string; chain_depth: number }
}

/**
 * A rule's emit_event: the generic automation.rule_event (what rules listen to) and the named event (for anyone
 * else), both emitted when the workflow succeeds. The payload carries the action's key for listeners to dedupe on.
 */
export const ruleEmitEventWorkflow = createWorkflow("rule-emit-event", (input: RuleEmitEventInput) => {
  emitEventStep({ eventName: PromoterEvents.RULE_EVENT, data: input.data }).config({ name: "emit-rule-event" })
  emitEventStep({ eventName: input.event, data: input.data }).config({ name: "emit-named-event" })
  return new WorkflowResponse(input.event)
})
