import { createPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import type { CreatePromotionDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"

export type RuleIssueCouponInput = {
  /** The campaign identifier, "automation-<action key>": the coupon is issued once per key. */
  campaign_identifier: string
  promotion: CreatePromotionDTO
}

/** The coupon an earlier delivery of the same action issued (a process that died mid-action made it), if any. */
export const findIssuedCouponStep = createStep("find-rule-issued-coupon", async (campaignIdentifier: string, { container }) => {
  const [campaign] = await container
    .resolve(Modules.PROMOTION)
    .listCampaigns({ campaign_identifier: [campaignIdentifier] }, { relations: ["promotions"] })
  const promotion = campaign?.promotions?.[0]
  return new StepResponse(promotion ? { id: promotion.id, code: promotion.code ?? null } : null)
})

/**
 * A rule's issue_coupon: a promotion restricted to the customer, in a campaign named by the action's key, through
 * Medusa's createPromotionsWorkflow (which removes what it created if a later step fails). A redelivery finds the
 * campaign and issues nothing.
 */
export const ruleIssueCouponWorkflow = createWorkflow("rule-issue-coupon", (input: RuleIssueCouponInput) => {
  const earlier = findIssuedCouponStep(input.campaign_identifier)
  const created = when("no-coupon-issued-yet", { earlier }, ({ earlier }) => !earlier).then(() =>
    createPromotionsWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ promotionsData: [input.promotion] })) })
  )
  const result = transform({ earlier, created }, ({ earlier, created }) =>
    earlier ? { issued: false, promotion_id: earlier.id } : { issued: true, promotion_id: created![0].id }
  )
  return new WorkflowResponse(result)
})
