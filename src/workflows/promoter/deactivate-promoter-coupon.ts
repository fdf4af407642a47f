import { updatePromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import PromoterPromotionLink from "../../links/promoter-promotion"

const assertCouponOfPromoterStep = createStep(
  "assert-coupon-of-promoter",
  async ({ promoter_id, promotion_id }: { promoter_id: string; promotion_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: PromoterPromotionLink.entryPoint,
      fields: ["promotion_id"],
      filters: { promoter_id, promotion_id },
    })
    if (!data.length) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Promoter ${promoter_id} has no coupon ${promotion_id}`)
    }
    return new StepResponse(promotion_id)
  }
)

/** Deactivates a promoter's coupon (the promotion stays, inactive, so past orders keep their history). */
export const deactivatePromoterCouponWorkflow = createWorkflow(
  "deactivate-promoter-coupon",
  (input: { promoter_id: string; promotion_id: string }) => {
    const id = assertCouponOfPromoterStep(input)
    const update = transform({ id }, ({ id }) => ({ promotionsData: [{ id, status: "inactive" as const }] }))
    const updated = updatePromotionsWorkflow.runAsStep({ input: update })
    return new WorkflowResponse(updated)
  }
)
