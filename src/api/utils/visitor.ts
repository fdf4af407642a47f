import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { isbot } from "isbot"
import { customAlphabet } from "nanoid"
import { readCookie, signVisitorCookie, verifyVisitorCookie, VISITOR_COOKIE, visitorCookieHeader, type VisitorCookie } from "../../lib/attribution/cookie"
import { deviceClass, hashIp, inferChannel, referrerHostOf } from "../../lib/attribution/classify"
import { ATTRIBUTION_MODULE } from "../../modules/attribution"
import type AttributionModuleService from "../../modules/attribution/service"
import type { NewTouch } from "../../modules/attribution/service"
import { VISITOR_HEADER } from "../../storefront"
import { clientAddress } from "./client-address"
import { clock } from "../../lib/clock"

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g

const newVisitorId = customAlphabet("0123456789abcdefghijklmnopqrstuvwxyz", 20)

export function attributionService(req: MedusaRequest) {
  return req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
}

/** A signed visitor value checked with the cookie secret and the attribution window, or null. */
function verifiedVisitor(req: MedusaRequest, raw: unknown): VisitorCookie | null {
  const { cookieSecret, attributionWindowDays } = attributionService(req).getOptions()
  return verifyVisitorCookie(cookieSecret, raw, { maxAgeSeconds: attributionWindowDays * 86400 })
}

/**
 * The signed visitor cookie of this request, or null (missing, tampered, foreign or expired cookies are ignored).
 * What a short link reads to keep a returning visitor's id; the store routes read `visitorOf`.
 */
export function visitorFromCookie(req: MedusaRequest): VisitorCookie | null {
  return verifiedVisitor(req, readCookie(req.headers.cookie, VISITOR_COOKIE))
}

/**
 * The visitor a store request comes from: the signed token a server-rendered storefront sends in `x-promoter-visitor`
 * (the value the short link put on its landing URL, the cookie's own), else the signed cookie. Both are the same
 * signed value and count the same: a visitor id whose touches the attribution model decides between, never a
 * referral by itself. A header that does not verify (tampered, foreign secret, expired, too long) is ignored as if
 * absent, so the cookie may still count.
 */
export function visitorOf(req: MedusaRequest): VisitorCookie | null {
  const header = req.headers[VISITOR_HEADER]
  return (typeof header === "string" ? verifiedVisitor(req, header) : null) ?? visitorFromCookie(req)
}

const botVerdicts = new Map<string, boolean>()

/**
 * GET requests from browsers count; bots and link previews do not. isbot's pattern is long and visitors' user agents
 * repeat, so verdicts are remembered (up to 2,000 distinct user agents, then the memory starts again).
 */
export function isCountable(req: MedusaRequest): boolean {
  if (req.method !== "GET") return false
  const agent = req.headers["user-agent"] ?? ""
  let bot = botVerdicts.get(agent)
  if (bot === undefined) {
    bot = isbot(agent)
    if (botVerdicts.size >= 2_000) botVerdicts.clear()
    if (agent.length <= 512) botVerdicts.set(agent, bot)
  }
  return !bot
}

/** One query value as stored on a touch: control characters (which PostgreSQL text cannot always hold) dropped. */
function first(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value
  if (typeof v !== "string") return null
  const clean = v.slice(0, 200).replace(CONTROL_CHARACTERS, "")
  return clean.length ? clean : null
}

/** A touch from an HTTP request: channel from `ch` or inferred, UTM tags, referrer host, device, hashed IP. */
export function touchFromRequest(
  req: MedusaRequest,
  { promoterId, linkId, code, visitorId, source, channel, customerId = null, email = null, newVisitor = false }: {
    promoterId: string
    linkId: string | null
    code: string
    visitorId: string | null
    source: NewTouch["source"]
    channel?: NewTouch["channel"]
    customerId?: string | null
    email?: string | null
    /** A visitor id this request just made: no earlier touch of it to look up. */
    newVisitor?: boolean
  }
): NewTouch {
  const query = req.query as Record<string, unknown>
  const referrer_host = referrerHostOf(req.headers.referer)
  const utm_medium = first(query.utm_medium)
  const utm_source = first(query.utm_source)
  return {
    promoter_id: promoterId,
    link_id: linkId,
    code,
    channel: channel ?? inferChannel({ ch: first(query.ch), utmMedium: utm_medium, utmSource: utm_source, referrerHost: referrer_host }),
    source,
    utm_source,
    utm_medium,
    utm_campaign: first(query.utm_campaign),
    utm_term: first(query.utm_term),
    utm_content: first(query.utm_content),
    referrer_host,
    device: deviceClass(req.headers["user-agent"]),
    visitor_id: visitorId,
    customer_id: customerId,
    email,
    ip_hash: hashIp(attributionService(req).getOptions().ipHashSalt, clientAddress(req)),
    occurred_at: clock.wall(),
    new_visitor: newVisitor,
  }
}

/**
 * Keeps the visitor id of a valid cookie, or makes a new one (`isNew`); sets the signed cookie for the attribution
 * window. Returns the signed value too: the redirect gives it to the storefront (`prm`) for storefronts on another
 * site, or whose server calls the store API (no browser cookie of this host reaches those calls).
 */
export function setVisitorCookie(req: MedusaRequest, res: MedusaResponse, code: string): { visitorId: string; isNew: boolean; signed: string } {
  const options = attributionService(req).getOptions()
  const known = visitorFromCookie(req)?.visitorId
  const visitorId = known ?? newVisitorId()
  const value = signVisitorCookie(options.cookieSecret, { visitorId, code, issuedAt: Math.floor(clock.wall().getTime() / 1000) })
  const secure = req.secure || req.headers["x-forwarded-proto"] === "https"
  res.setHeader("Set-Cookie", visitorCookieHeader({ value, maxAgeDays: options.attributionWindowDays, secure }))
  return { visitorId, isNew: !known, signed: value }
}
