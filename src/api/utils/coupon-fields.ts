import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** What a coupon looks like in API responses (read through the promoter ↔ promotion link). */
export const COUPON_FIELDS = [
  "promotions.id",
  "promotions.code",
  "promotions.status",
  "promotions.metadata",
  "promotions.created_at",
  "promotions.application_method.type",
  "promotions.application_method.target_type",
  "promotions.application_method.value",
  "promotions.application_method.currency_code",
  "promotions.campaign.starts_at",
  "promotions.campaign.ends_at",
  "promotions.campaign.budget.limit",
  "promotions.campaign.budget.used",
]

/** One coupon in the shape of COUPON_FIELDS (the answer of every coupon route). */
export async function retrieveCoupon(scope: MedusaContainer, promotionId: string) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "promotion",
    fields: COUPON_FIELDS.map((f) => f.replace(/^promotions\./, "")),
    filters: { id: promotionId },
  })
  return data[0]
}
