import { createPromotionsWorkflow, createRemoteLinkStep, emitEventStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PromoterEvents } from "../../lib/events"
import { PROMOTER_MODULE } from "../../modules/promoter"
import { preparePromoterCouponStep, type CreatePromoterCouponInput } from "./steps/prepare-promoter-coupon"

/** A promoter's coupon: a real Medusa promotion (with a campaign for limits and dates), linked to the promoter. */
export const createPromoterCouponWorkflow = createWorkflow(
  "create-promoter-coupon",
  (input: CreatePromoterCouponInput) => {
    const prepared = preparePromoterCouponStep(input)
    const promotionsData = transform({ prepared }, ({ prepared }) => ({ promotionsData: [prepared.promotion] }))
    const promotions = createPromotionsWorkflow.runAsStep({ input: promotionsData })
    const link = transform({ prepared, promotions }, ({ prepared, promotions }) => [
      {
        [PROMOTER_MODULE]: { promoter_id: prepared.promoter_id },
        [Modules.PROMOTION]: { promotion_id: promotions[0].id },
      },
    ])
    createRemoteLinkStep(link)
    const event = transform({ prepared, promotions }, ({ prepared, promotions }) => ({
      id: promotions[0].id,
      promoter_id: prepared.promoter_id,
      code: promotions[0].code,
    }))
    emitEventStep({ eventName: PromoterEvents.COUPON_CREATED, data: event })
    const coupon = transform({ promotions }, ({ promotions }) => promotions[0])
    return new WorkflowResponse(coupon)
  }
)
