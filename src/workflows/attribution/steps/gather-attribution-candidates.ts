import { ITEMS_BASE_FIELDS, itemsAfterDiscounts } from "../../../lib/compensation/items-base"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import PromoterCustomerLink from "../../../links/promoter-customer"
import PromoterPromotionLink from "../../../links/promoter-promotion"
import type { Candidate } from "../../../lib/attribution/decide"
import { DAY_MS } from "../../../lib/time"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { CART_ATTRIBUTION_KEY, type CartAttribution } from "../../../lib/attribution/cart"

export type OrderFacts = {
  order_id: string
  email: string | null
  customer_id: string | null
  currency_code: string
  total: string
  /** Items after discounts, without tax: the order's volume as placed. */
  volume: string
  placed_at: string
}

/**
 * Everything that could credit an order, from every source: promoter coupons on the order, the referral stored on
 * its cart, the customer's binding, and the touches of the visitor(s) and customer within the window.
 */
export const gatherAttributionCandidatesStep = createStep(
  "gather-attribution-candidates",
  async ({ order_id }: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const options = attribution.getOptions()

    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "email", "customer_id", "currency_code", "total", "created_at", "promotions.id", "cart.metadata", ...ITEMS_BASE_FIELDS],
      filters: { id: order_id },
    })
    const order = orders[0]
    if (!order) return new StepResponse(null)
    const email = order.email?.toLowerCase() ?? null
    const placedAt = new Date(order.created_at)
    const candidates: Candidate[] = []

    const promotionIds = ((order.promotions ?? []) as ({ id: string } | null)[])
      .map((p) => p?.id)
      .filter((id): id is string => !!id)
    if (promotionIds.length) {
      const { data: couponLinks } = await query.graph({
        entity: PromoterPromotionLink.entryPoint,
        fields: ["promoter_id", "promotion_id", "promotion.code"],
        filters: { promotion_id: promotionIds },
      })
      for (const l of couponLinks) {
        candidates.push({ source: "coupon", promoter_id: l.promoter_id, code: l.promotion?.code ?? null, channel: "coupon" })
      }
    }

    const cartMeta = ((order.cart as { metadata?: Record<string, unknown> } | null)?.metadata ?? {})[CART_ATTRIBUTION_KEY] as
      | CartAttribution
      | undefined
    // Only an explicit referral (typed in, sent by the storefront) is a cart referral; a cookie is a touch.
    if (cartMeta?.referral_code && cartMeta.referral_source !== "cookie") {
      const promoter = await promoters.findByCode(cartMeta.referral_code)
      if (promoter && promoter.status === "active") {
        candidates.push({ source: "cart_referral", promoter_id: promoter.id, code: promoter.referral_code, channel: "referral" })
      }
    }

    const bindings = await attribution.listCustomerBindings(
      email || order.customer_id ? { $or: [...(email ? [{ email }] : []), ...(order.customer_id ? [{ customer_id: order.customer_id }] : [])] } : { id: [] },
      { order: { bound_at: "ASC" } }
    )
    const binding = bindings.find((b) => !b.expires_at || new Date(b.expires_at) > placedAt)
    if (binding) candidates.push({ source: "customer_binding", promoter_id: binding.promoter_id, channel: "binding" })

    const visitorIds = new Set<string>()
    if (cartMeta?.visitor_id) visitorIds.add(cartMeta.visitor_id)
    if (order.customer_id) {
      const linked = await attribution.listVisitorCustomers({ customer_id: order.customer_id }, { select: ["visitor_id"] })
      linked.forEach((l) => visitorIds.add(l.visitor_id))
    }
    const since = new Date(placedAt.getTime() - options.attributionWindowDays * DAY_MS)
    const who = [
      ...(visitorIds.size ? [{ visitor_id: [...visitorIds] }] : []),
      ...(order.customer_id ? [{ customer_id: order.customer_id }] : []),
      ...(email ? [{ email }] : []),
    ]
    if (who.length) {
      const touches = await attribution.listTouches(
        { $or: who, source: ["link", "api"], occurred_at: { $gte: since, $lte: placedAt } },
        { order: { occurred_at: "ASC" }, take: 500 }
      )
      for (const t of touches) {
        candidates.push({
          source: "touch",
          promoter_id: t.promoter_id,
          touch_id: t.id,
          code: t.code,
          channel: t.channel,
          occurred_at: new Date(t.occurred_at).toISOString(),
        })
      }
    }

    // A referral on the cart came from somewhere: credit its latest touch by the same promoter, if any.
    for (const c of candidates) {
      if (c.source !== "cart_referral") continue
      const touch = candidates.filter((t) => t.source === "touch" && t.promoter_id === c.promoter_id).pop()
      if (touch) Object.assign(c, { touch_id: touch.touch_id, channel: touch.channel, occurred_at: touch.occurred_at })
    }

    const self = new Set<string>()
    if (order.customer_id) {
      const { data: own } = await query.graph({
        entity: PromoterCustomerLink.entryPoint,
        fields: ["promoter_id"],
        filters: { customer_id: order.customer_id },
      })
      own.forEach((o) => self.add(o.promoter_id))
    }
    // The buyer's e-mail as one person: `kim.park+shop@…` in a guest checkout is Kim.
    if (email) (await promoters.findByNormalisedEmail(email)).forEach((id) => self.add(id))

    const facts: OrderFacts = {
      order_id: order.id,
      email,
      customer_id: order.customer_id ?? null,
      currency_code: order.currency_code,
      total: String(order.total ?? "0"),
      volume: itemsAfterDiscounts(order),
      placed_at: placedAt.toISOString(),
    }
    return new StepResponse({ facts, candidates, self_promoter_ids: [...self] })
  }
)
