// The storefront's side of attribution, for storefronts that call the store API from their own server (the Next.js
// starter does). The short link's redirect puts a signed visitor token (`prm`) and the code (`ref`) on the landing
// URL; the storefront keeps them in a cookie of its own and sends the token with cart writes. No framework, no Medusa
// and no Node-only module: this file runs in edge middleware and in the browser too. Only the server can check the
// token (it holds the secret); everything here only checks that a value has the token's shape.

/** The landing URL's signed visitor token, added by the short link's redirect. */
export const VISITOR_PARAM = "prm"
/** The landing URL's referral code. */
export const REFERRAL_PARAM = "ref"
/** The storefront's own first-party cookie holding the referral. */
export const REFERRAL_COOKIE = "prm_visitor"
/** The header that carries the signed visitor token to the store API. */
export const VISITOR_HEADER = "x-promoter-visitor"
/** The header that carries an explicit referral code (a claim, not a visitor) to the store API. */
export const REFERRAL_CODE_HEADER = "x-referral-code"

/** The server refuses longer tokens; nothing longer is kept. */
export const MAX_TOKEN_LENGTH = 300

/** What a referral code may look like (the server keeps only code-like values from requests). */
export const CODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
// visitorId.code.issuedAt.signature, the signature an HMAC-SHA256 in base64url (43 characters).
const TOKEN = /^[A-Za-z0-9_-]{1,64}\.[A-Za-z0-9_-]{1,64}\.\d{1,12}\.[A-Za-z0-9_-]{43}$/

export type Referral =
  /** From a short link: the signed token, sent to the store API; the code is read from it, for display only. */
  | { visitorToken: string; code: string }
  /** A bare `?ref=CODE` (a promoter's hand-written URL): an explicit referral code, sent as `x-referral-code`. */
  | { visitorToken: null; code: string }

/** A stored or received value as a referral: a token-shaped value, or a code; anything else is null. */
export function parseReferral(value: unknown): Referral | null {
  if (typeof value !== "string" || value.length > MAX_TOKEN_LENGTH) return null
  if (TOKEN.test(value)) return { visitorToken: value, code: value.split(".")[1] }
  if (CODE_PATTERN.test(value)) return { visitorToken: null, code: value }
  return null
}

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "))
  } catch {
    return null
  }
}

/**
 * The referral a landing URL brings, and the same URL without `prm` and `ref` (other parameters and the fragment
 * byte for byte as they were), for the storefront to redirect to: the token then stays out of the address bar, of
 * links the shopper shares and of the storefront's analytics. Null when the URL has neither parameter (keep whatever
 * referral the storefront already has). `referral` is null when they are there but malformed: drop them, keep the
 * stored one. A token wins over a code (the token carries the code, and the server lets the visitor's touches decide
 * between promoters); a bare code is kept only without a well-formed token.
 */
export function referralFromUrl(url: string | URL): { referral: Referral | null; cleanUrl: string } | null {
  const href = typeof url === "string" ? url : url.href
  const hashAt = href.indexOf("#")
  const beforeHash = hashAt < 0 ? href : href.slice(0, hashAt)
  const hash = hashAt < 0 ? "" : href.slice(hashAt)
  const queryAt = beforeHash.indexOf("?")
  if (queryAt < 0) return null
  const kept: string[] = []
  const tokens: string[] = []
  const codes: string[] = []
  for (const part of beforeHash.slice(queryAt + 1).split("&")) {
    const eq = part.indexOf("=")
    const key = decode(eq < 0 ? part : part.slice(0, eq))
    const value = eq < 0 ? "" : (decode(part.slice(eq + 1)) ?? "")
    if (key === VISITOR_PARAM) tokens.push(value)
    else if (key === REFERRAL_PARAM) codes.push(value)
    else if (part) kept.push(part)
  }
  if (!tokens.length && !codes.length) return null
  // Several values of one parameter: the first is what URLSearchParams.get gives, so the first is taken.
  const token = tokens.length ? parseReferral(tokens[0]) : null
  const code = codes.length ? parseReferral(codes[0]) : null
  const referral = token?.visitorToken ? token : code && !code.visitorToken ? code : null
  const cleanUrl = `${beforeHash.slice(0, queryAt)}${kept.length ? `?${kept.join("&")}` : ""}${hash}`
  return { referral, cleanUrl }
}

/**
 * The `Set-Cookie` header value that keeps a referral on the storefront: first-party, `HttpOnly` (only the
 * storefront's server reads it), `SameSite=Lax`, for `maxAgeDays` (default 30, the plugin's default attribution
 * window; the server ignores tokens older than its window whatever the cookie says).
 */
export function referralCookie(referral: Referral, { secure, maxAgeDays = 30, domain }: { secure: boolean; maxAgeDays?: number; domain?: string }): string {
  const value = referral.visitorToken ?? referral.code
  const maxAge = Math.max(0, Math.round(maxAgeDays * 86400))
  return `${REFERRAL_COOKIE}=${value}; Path=/; Max-Age=${maxAge}${domain ? `; Domain=${domain}` : ""}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`
}

/** The referral in a `Cookie` request header, or null. With several cookies of that name, the first valid one. */
export function readReferralCookie(cookieHeader: string | null | undefined): Referral | null {
  if (!cookieHeader) return null
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=")
    if (eq < 0 || part.slice(0, eq).trim() !== REFERRAL_COOKIE) continue
    const raw = part.slice(eq + 1).trim()
    const referral = parseReferral(raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw)
    if (referral) return referral
  }
  return null
}

/**
 * Headers to add to the store API's cart create and update calls (`POST /store/carts`, `POST /store/carts/:id`),
 * and to sign-up (`POST /store/customers`): the signed token, or for a bare code the explicit referral code.
 */
export function promoterHeaders(referral: Referral | null | undefined): Record<string, string> {
  if (!referral) return {}
  return referral.visitorToken ? { [VISITOR_HEADER]: referral.visitorToken } : { [REFERRAL_CODE_HEADER]: referral.code }
}
