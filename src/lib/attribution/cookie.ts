import { createHash, timingSafeEqual, type Hash } from "node:crypto"
import { clock } from "../clock"

/** The visitor cookie set by short links: `visitorId.code.issuedAt.signature`, HMAC-SHA256 signed. */
export const VISITOR_COOKIE = "prm_ref"

export type VisitorCookie = { visitorId: string; code: string; issuedAt: number }

const PART = /^[A-Za-z0-9_-]{1,64}$/

const keyed = new Map<string, { inner: Hash; outer: Hash }>()

/**
 * HMAC-SHA256 (RFC 2104) with the key's padded blocks hashed once per secret and copied per call: the same bytes as
 * createHmac (a unit test checks it), without re-keying on every redirect.
 */
function sign(secret: string, payload: string): string {
  let k = keyed.get(secret)
  if (!k) {
    let key = Buffer.from(secret)
    if (key.length > 64) key = createHash("sha256").update(key).digest()
    const block = Buffer.alloc(64)
    key.copy(block)
    k = { inner: createHash("sha256").update(block.map((b) => b ^ 0x36)), outer: createHash("sha256").update(block.map((b) => b ^ 0x5c)) }
    if (keyed.size > 16) keyed.clear()
    keyed.set(secret, k)
  }
  const inner = k.inner.copy().update(payload).digest()
  return k.outer.copy().update(inner).digest("base64url")
}

export function signVisitorCookie(secret: string, value: VisitorCookie): string {
  const payload = `${value.visitorId}.${value.code}.${value.issuedAt}`
  return `${payload}.${sign(secret, payload)}`
}

/** Issued more than this before the server's clock: a clock out by minutes is tolerated, a date to come is not. */
const FUTURE_SKEW_SECONDS = 300

/**
 * Returns the cookie's (or token's) content, or null when it is missing, malformed, foreign or tampered with, or —
 * given `maxAgeSeconds` — issued longer ago than that or later than now.
 */
export function verifyVisitorCookie(
  secret: string,
  raw: unknown,
  { maxAgeSeconds, nowSeconds = Math.floor(clock.wall().getTime() / 1000) }: { maxAgeSeconds?: number; nowSeconds?: number } = {}
): VisitorCookie | null {
  if (typeof raw !== "string" || raw.length > 300) return null
  const parts = raw.split(".")
  if (parts.length !== 4) return null
  const [visitorId, code, issuedAt, signature] = parts
  if (!PART.test(visitorId) || !PART.test(code) || !/^\d{1,12}$/.test(issuedAt)) return null
  const expected = Buffer.from(sign(secret, `${visitorId}.${code}.${issuedAt}`))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  const issued = Number(issuedAt)
  if (maxAgeSeconds !== undefined && (issued < nowSeconds - maxAgeSeconds || issued > nowSeconds + FUTURE_SKEW_SECONDS)) return null
  return { visitorId, code, issuedAt: issued }
}

/** Reads one cookie from a Cookie header (Express's parser has no secret here, and we sign ourselves). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(";")) {
    const index = part.indexOf("=")
    if (index < 0) continue
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim())
      } catch {
        return undefined
      }
    }
  }
  return undefined
}

export function visitorCookieHeader({
  value,
  maxAgeDays,
  secure,
}: {
  value: string
  maxAgeDays: number
  secure: boolean
}): string {
  return `${VISITOR_COOKIE}=${encodeURIComponent(value)}; Path=/; Max-Age=${Math.round(maxAgeDays * 86400)}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`
}
