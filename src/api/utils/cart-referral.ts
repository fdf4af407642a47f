import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"

/** Requests after `authenticate(..., { allowUnauthenticated: true })`: the auth context may be absent. */
type MaybeAuthenticated = MedusaRequest & { auth_context?: { actor_id?: string } }
import { PROMOTER_MODULE } from "../../modules/promoter"
import type PromoterModuleService from "../../modules/promoter/service"
import { CART_ATTRIBUTION_KEY, type CartAttribution } from "../../lib/attribution/cart"
import { normalizeCode } from "../../modules/promoter/utils/codes"
import { decideAttribution, type Candidate } from "../../lib/attribution/decide"
import type { VisitorCookie } from "../../lib/attribution/cookie"
import { DAY_MS } from "../../lib/time"
import { CODE_PATTERN, REFERRAL_CODE_HEADER } from "../../storefront"
import { attributionService, visitorOf } from "./visitor"
import { clock } from "../../lib/clock"

/**
 * On store cart writes: stores the referral on the cart's metadata, so it is still there at checkout (subscribers never
 * see cookies). An explicit referral — a code typed in, sent as `referral_code` in the body or the `x-referral-code`
 * header — is kept as the cart's referral (the `cart_referral` rule). The signed visitor cookie, or the same signed
 * value in the `x-promoter-visitor` header (a storefront calling from its server), only contributes its visitor id:
 * the links it came from are touches, and the attribution model (first or last touch) picks among them, so a later
 * click cannot override `first_touch` by rewriting the cookie. Also remembers which customer a visitor is.
 */
export async function captureCartReferral(req: MaybeAuthenticated, res: MedusaResponse, next: MedusaNextFunction) {
  const body = (req.body ?? {}) as Record<string, unknown>
  // Only what could be a code is kept: anything else (a NUL byte, markup) would end up in the cart's metadata.
  const codeLike = (value: unknown) => (typeof value === "string" && CODE_PATTERN.test(value.trim()) ? value : undefined)
  const fromBody = codeLike(body.referral_code)
  delete body.referral_code
  const fromHeader = codeLike(req.headers[REFERRAL_CODE_HEADER])
  const cookie = visitorOf(req)
  const explicit = fromBody ? { code: fromBody, source: "body" as const } : fromHeader ? { code: fromHeader, source: "header" as const } : null
  const attribution: CartAttribution | null = explicit
    ? {
        referral_code: normalizeCode(explicit.code).slice(0, 64),
        referral_source: explicit.source,
        ...(cookie ? { visitor_id: cookie.visitorId } : {}),
        at: clock.wall().toISOString(),
      }
    : cookie
      ? await withVisitor(req, cookie.visitorId)
      : null
  if (attribution) {
    const metadata = (body.metadata && typeof body.metadata === "object" ? body.metadata : {}) as Record<string, unknown>
    body.metadata = { ...metadata, [CART_ATTRIBUTION_KEY]: attribution }
    req.body = body
  }
  await rememberVisitor(req, cookie)
  next()
}

/**
 * The cart's attribution with this visitor added, or null when it has them already. An update that brings only the
 * cookie keeps an explicit referral given earlier (metadata keys are replaced whole, so it is carried over here).
 */
async function withVisitor(req: MaybeAuthenticated, visitorId: string): Promise<CartAttribution | null> {
  const cartId = /^\/store\/carts\/([^/?]+)/i.exec(req.originalUrl ?? req.url)?.[1]
  const carts = cartId ? await req.scope.resolve(Modules.CART).listCarts({ id: decodeURIComponent(cartId) }, { select: ["id", "metadata"] }) : []
  const existing = carts[0]?.metadata?.[CART_ATTRIBUTION_KEY] as CartAttribution | undefined
  if (existing?.visitor_id) return null
  return { ...(existing ?? {}), visitor_id: visitorId, at: existing?.at ?? clock.wall().toISOString() }
}

/**
 * When a logged-in customer brings a visitor cookie (or its value in `x-promoter-visitor`), link the two (touches
 * then follow them across devices).
 */
export async function rememberVisitor(req: MaybeAuthenticated, cookie = visitorOf(req)) {
  const customerId = req.auth_context?.actor_id
  if (customerId && cookie) {
    await attributionService(req).linkVisitorToCustomer({ visitorId: cookie.visitorId, customerId })
  }
}

/**
 * A customer who signs up (POST /store/customers) with a visitor cookie (or its value in `x-promoter-visitor`) from a
 * promoter's link is bound to that visitor's promoter once the account exists: the one the attribution model picks
 * among the visitor's touches (with first_touch, the first link clicked, not the one the cookie names now), or the
 * cookie's when no touch is stored yet.
 */
export function bindAtSignup(req: MaybeAuthenticated, res: MedusaResponse, next: MedusaNextFunction) {
  const cookie = visitorOf(req)
  const email = typeof (req.body as { email?: unknown })?.email === "string" ? (req.body as { email: string }).email : null
  if (cookie && email) {
    res.on("finish", () => {
      if (res.statusCode >= 300) return
      void (async () => {
        const promoterId = await promoterOfVisitor(req, cookie)
        if (!promoterId) return
        await attributionService(req).bindCustomerAtSignup({
          email,
          customerId: req.auth_context?.actor_id ?? null,
          promoterId,
        })
      })().catch((error: Error) => req.scope.resolve("logger").warn(`promoter signup binding failed: ${error.message}`))
    })
  }
  next()
}

/** The active promoter a visitor's touches credit under the attribution model (the cookie's code if none yet). */
async function promoterOfVisitor(req: MedusaRequest, cookie: VisitorCookie): Promise<string | null> {
  const attribution = attributionService(req)
  const promoters = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const { attributionWindowDays, attributionModel } = attribution.getOptions()
  const touches = await attribution.listTouches(
    { visitor_id: cookie.visitorId, source: ["link", "api"], occurred_at: { $gte: new Date(clock.wall().getTime() - attributionWindowDays * DAY_MS) } },
    { select: ["id", "promoter_id", "occurred_at"], order: { occurred_at: "ASC" }, take: 500 }
  )
  const active = touches.length
    ? await promoters.listPromoters({ id: [...new Set(touches.map((t) => t.promoter_id))], status: "active" }, { select: ["id"] })
    : []
  const candidates: Candidate[] = touches
    .filter((t) => active.some((p) => p.id === t.promoter_id))
    .map((t) => ({ source: "touch", promoter_id: t.promoter_id, touch_id: t.id, occurred_at: new Date(t.occurred_at).toISOString() }))
  if (candidates.length) {
    return decideAttribution({ candidates, precedence: ["touch"], model: attributionModel, selfReferral: "allow", isSelf: () => false })
      .promoter_id
  }
  const promoter = await promoters.findByCode(cookie.code)
  return promoter && promoter.status === "active" ? promoter.id : null
}

export async function rememberVisitorMiddleware(req: MaybeAuthenticated, res: MedusaResponse, next: MedusaNextFunction) {
  await rememberVisitor(req)
  next()
}
