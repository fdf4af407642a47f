import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PromoterEvents } from "../../lib/events"
import { followReferralCodeWorkflow } from "./follow-referral-code"
import { moveSponsorStep } from "./steps/move-sponsor"
import { preparePromoterUpdateStep, type UpdatePromoterInput } from "./steps/prepare-promoter-update"
import { updatePromoterStep } from "./steps/update-promoter"

/** Updates a promoter: profile, status, tier, vanity code, and sponsor moves (with the cycle check). */
export const updatePromoterWorkflow = createWorkflow("update-promoter", (input: UpdatePromoterInput) => {
  const prepared = preparePromoterUpdateStep(input)

  when("sponsor-changes", { prepared }, ({ prepared }) => prepared.sponsor_id !== undefined).then(() => {
    const move = transform({ prepared }, ({ prepared }) => ({
      promoterId: prepared.current.id,
      sponsorId: prepared.sponsor_id ?? null,
    }))
    moveSponsorStep(move)
  })

  const updated = updatePromoterStep(prepared)

  // A new referral code: the default coupon follows it (a terminated promoter gets no new coupon).
  when("referral-code-changes", { prepared }, ({ prepared }) => {
    const { current, changes } = prepared
    const code = changes.referral_code
    return code !== undefined && code !== current.referral_code && (changes.status ?? current.status) !== "terminated"
  }).then(() => {
    followReferralCodeWorkflow.runAsStep({ input: transform({ prepared }, ({ prepared }) => ({ promoter_id: prepared.current.id })) })
  })

  const events = transform({ prepared, input }, ({ prepared, input }) => {
    const { current, changes } = prepared
    const statusChanged = changes.status !== undefined && changes.status !== current.status
    const tierChanged = changes.tier_id !== undefined && changes.tier_id !== current.tier_id
    return {
      status: statusChanged ? [{ id: current.id, from: current.status, to: changes.status }] : [],
      activated: statusChanged && changes.status === "active" ? [{ id: current.id }] : [],
      tier: tierChanged
        ? [{ id: current.id, from: current.tier_id, to: changes.tier_id, reason: input.tier_change?.reason ?? "admin", period_key: input.tier_change?.period_key ?? null, figures: input.tier_change?.figures ?? null }]
        : [],
      sponsor:
        prepared.sponsor_id !== undefined
          ? [{ id: current.id, from: current.sponsor_id, to: prepared.sponsor_id }]
          : [],
    }
  })
  emitEventStep({ eventName: PromoterEvents.STATUS_CHANGED, data: events.status }).config({ name: "emit-status" })
  emitEventStep({ eventName: PromoterEvents.ACTIVATED, data: events.activated }).config({ name: "emit-activated" })
  emitEventStep({ eventName: PromoterEvents.TIER_CHANGED, data: events.tier }).config({ name: "emit-tier" })
  emitEventStep({ eventName: PromoterEvents.SPONSOR_CHANGED, data: events.sponsor }).config({ name: "emit-sponsor" })

  return new WorkflowResponse(updated)
})
