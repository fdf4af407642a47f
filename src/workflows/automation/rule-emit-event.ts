import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
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
  // Through a transform: the workflow input's `data` handed to the step directly resolves to nothing (and no event is
  // emitted), seen on Medusa 2.21.2.
  const events = transform({ input }, ({ input }) => ({
    rule: { eventName: PromoterEvents.RULE_EVENT, data: input.data },
    named: { eventName: input.event, data: input.data },
  }))
  emitEventStep(events.rule).config({ name: "emit-rule-event" })
  emitEventStep(events.named).config({ name: "emit-named-event" })
  return new WorkflowResponse(input.event)
})
