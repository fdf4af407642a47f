import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { COMPENSATION_MODULE } from "../../modules/compensation"
import type CompensationModuleService from "../../modules/compensation/service"
import { updatePromoterWorkflow } from "../promoter/update-promoter"

export type RuleChangeTierInput = {
  promoter_id: string
  from_tier_id: string | null
  to_tier_id: string
  /** "rule:<action key>": unique per promoter, so the history row is the action's intent and its idempotency key. */
  period_key: string
  rule_id: string
  /** Whether an earlier delivery already wrote the intent (then this run neither writes nor removes it). */
  intent_exists: boolean
}

/** Writes the tier history row first, holding the target; undone if the tier change after it fails. */
export const recordRuleTierIntentStep = createStep(
  "record-rule-tier-intent",
  async (input: RuleChangeTierInput, { container }) => {
    if (input.intent_exists) return new StepResponse(null, null)
    const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
    const written = await compensation.createTierChanges({
      promoter_id: input.promoter_id,
      from_tier_id: input.from_tier_id,
      to_tier_id: input.to_tier_id,
      reason: "rule",
      period_key: input.period_key,
      figures: { rule_id: input.rule_id },
    })
    return new StepResponse(written.id, written.id)
  },
  async (writtenId, { container }) => {
    if (!writtenId) return
    await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).deleteTierChanges(writtenId)
  }
)

/**
 * A rule's change_tier: the history row (the intent, keyed by the action), then the promoter's tier through the
 * update-promoter workflow. A redelivery finds the intent and moves the promoter to that same tier.
 */
export const ruleChangeTierWorkflow = createWorkflow("rule-change-promoter-tier", (input: RuleChangeTierInput) => {
  recordRuleTierIntentStep(input)
  const update = transform({ input }, ({ input }) => ({
    id: input.promoter_id,
    tier_id: input.to_tier_id,
    tier_change: { reason: "rule" as const, period_key: input.period_key, figures: { rule_id: input.rule_id } },
  }))
  const updated = updatePromoterWorkflow.runAsStep({ input: update })
  return new WorkflowResponse(updated)
})
