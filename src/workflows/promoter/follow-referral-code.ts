import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createPromoterCouponWorkflow } from "./create-promoter-coupon"
import { findDefaultCouponStep } from "./steps/find-default-coupon"
import { retireDefaultCouponStep } from "./steps/retire-default-coupon"

/**
 * After a promoter's referral code changed: their default coupon follows it. Medusa promotions keep their code in
 * past orders' adjustments and shoppers keep the codes they were given, so the coupon is not renamed: a new default
 * coupon with the new code (same discount) is created, and the old one stays active but no longer the default.
 * Runs after the promoter row has the new code (the coupon's code is made from it). Each step undoes itself.
 */
export const followReferralCodeWorkflow = createWorkflow("follow-referral-code", (input: { promoter_id: string }) => {
  const current = findDefaultCouponStep(input)
  when("has-default-coupon", { current }, ({ current }) => current !== null).then(() => {
    const couponInput = transform({ current, input }, ({ current, input }) => ({
      promoter_id: input.promoter_id,
      type: current!.type,
      value: current!.value,
      target: current!.target,
      ...(current!.currency_code ? { currency_code: current!.currency_code } : {}),
      is_default: true,
    }))
    const coupon = createPromoterCouponWorkflow.runAsStep({ input: couponInput })
    const retire = transform({ current, coupon }, ({ current, coupon }) => ({ id: current!.id, metadata: current!.metadata, replaced_by: coupon.id }))
    retireDefaultCouponStep(retire)
  })
  return new WorkflowResponse(current)
})
