import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

/** The metadata keys the step writes. */
const ADDED_KEYS = ["is_default", "replaced_by"] as const

/**
 * The old default coupon stops being the default (metadata is_default: false, replaced_by: the new one) and stays
 * active: shoppers who were given the old code still get the discount, and it still credits the promoter.
 * Compensation puts its metadata back. Medusa merges the metadata given to an update into the stored one and deletes
 * a key only when it is given as "", so keys this step added are sent as "" (else the restored default coupon kept a
 * `replaced_by` naming a promotion the rollback had deleted).
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
    const added = Object.fromEntries(ADDED_KEYS.filter((k) => !(k in undo.metadata)).map((k) => [k, ""]))
    await container.resolve(Modules.PROMOTION).updatePromotions({ id: undo.id, metadata: { ...undo.metadata, ...added } })
  }
)
