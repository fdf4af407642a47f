import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { PROMOTER_MODULE } from "../../modules/promoter"
import type PromoterModuleService from "../../modules/promoter/service"
import { createPromoterCouponWorkflow } from "./create-promoter-coupon"

/**
 * Gives a promoter the default coupon of the plugin options, once: under a lock, and only when they have none
 * marked as default. Safe to call for every (re)delivered activation event.
 */
export async function ensureDefaultCoupon(container: MedusaContainer, promoterId: string): Promise<void> {
  const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const { defaultCoupon } = promoters.getOptions()
  if (!defaultCoupon.enabled) return
  const locking = container.resolve(Modules.LOCKING)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  await locking.execute(`promoter-default-coupon:${promoterId}`, async () => {
    const { data } = await query.graph({
      entity: "promoter",
      fields: ["id", "status", "promotions.id", "promotions.metadata"],
      filters: { id: promoterId },
    })
    if (!data.length || data[0].status !== "active") return
    const promotions = (data[0].promotions ?? []) as ({ metadata?: Record<string, unknown> | null } | null)[]
    if (promotions.some((p) => p?.metadata?.is_default === true)) return
    await createPromoterCouponWorkflow(container).run({
      input: {
        promoter_id: promoterId,
        type: defaultCoupon.type,
        value: defaultCoupon.value,
        currency_code: defaultCoupon.currencyCode,
        is_default: true,
      },
    })
  })
}
