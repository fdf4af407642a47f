import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/**
 * The old default coupon stops being the default (metadata is_default: false, replaced_by: the new one) and stays
 * active: shoppers who were given the old code still get the discount, and it still credits the promoter.
 * Compensation puts its metadata back.
 */
export const retireDefaultCouponStep = createStep(
  "retire-default-promoter-coupon",
  async ({ id, metadata, replaced_by }: { id: string; metadata: Record<string, unknown>; replaced_by: string }, { container }) => {
    const promotions = container.resolve(Modules.PROMOTION)
    await promotions.updatePromotions({ id, metadata: { ...metadata, is_default: false, replaced_by } })
    return new StepResponse(true, { id, metadata })
  },
  async (undo, { container }) => {
    if (!undo) return
    await container.resolve(Modules.PROMOTION).updatePromotions({ id: undo.id, metadata: undo.metadata })
  }
)
