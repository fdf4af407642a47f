// Where a short link may send a visitor, and what it carries. Pure functions, no Medusa imports.
import { REFERRAL_PARAM, VISITOR_PARAM } from "../storefront"

export type StorefrontHosts = {
  /** The configured storefront URL (its origin is the default destination host). */
  storefrontUrl: string
  /** Extra hosts (host[:port]) a link may point at. */
  allowedHosts: string[]
}

const MAX_PATH = 512

/**
 * Validates a link destination given by an admin or promoter: a path on the storefront ("/products/tea"), or an
 * absolute http(s) URL on one of the allowed storefront hosts. Returns the normalized destination or a reason.
 */
export function checkDestination(
  destination: string,
  hosts: StorefrontHosts
): { ok: true; destination: string } | { ok: false; reason: string } {
  const value = destination.trim()
  if (!value || value.length > MAX_PATH) {
    return { ok: false, reason: `must be 1 to ${MAX_PATH} characters` }
  }
  if (/[\u0000-\u001f\u007f\\]/.test(value)) {
    return { ok: false, reason: "must not contain control characters or backslashes" }
  }
  if (value.startsWith("/")) {
    if (value.startsWith("//")) {
      return { ok: false, reason: "must be a path on the storefront, not another host" }
    }
    return { ok: true, destination: value }
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { ok: false, reason: "must be a path starting with / or a URL on a storefront host" }
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: "must use http or https" }
  }
  if (url.username || url.password) {
    return { ok: false, reason: "must not carry credentials" }
  }
  if (!isAllowedHost(url.host, hosts)) {
    return { ok: false, reason: `host ${url.host} is not a configured storefront host` }
  }
  return { ok: true, destination: url.toString() }
}

export function isAllowedHost(host: string, hosts: StorefrontHosts): boolean {
  const own = new URL(hosts.storefrontUrl).host.toLowerCase()
  const wanted = host.toLowerCase()
  return wanted === own || hosts.allowedHosts.some((h) => h.toLowerCase() === wanted)
}

/** Query parameters a short link passes on to the storefront: UTM tags only. */
export function passThroughParams(query: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = []
  for (const [key, raw] of Object.entries(query)) {
    if (!/^utm_(source|medium|campaign|term|content|id)$/.test(key)) continue
    const value = Array.isArray(raw) ? raw[0] : raw
    if (typeof value === "string" && value.length <= 200) out.push([key, value])
  }
  return out
}

/**
 * The URL a short link redirects to: the destination (or the storefront home) on an allowed host, with the UTM
 * tags of the short link, the referral code (`ref`) and the signed visitor token (`prm`, the visitor cookie's value)
 * so a storefront whose server calls the store API can send the visitor along (`medusa-plugin-promoter/storefront`).
 * Never returns a URL on another host, whatever the inputs.
 */
export function buildRedirectUrl({
  hosts,
  destination,
  code,
  visitorToken = null,
  query,
}: {
  hosts: StorefrontHosts
  destination: string | null
  code: string | null
  visitorToken?: string | null
  query: Record<string, unknown>
}): string {
  const base = redirectBase(hosts, destination)
  const params = passThroughParams(query)
  if (code) params.push([REFERRAL_PARAM, code])
  if (visitorToken) params.push([VISITOR_PARAM, visitorToken])
  if (!base.includes("?") && !base.includes("#")) {
    // The usual case, a base without query or fragment: the same string URL.searchParams would give (a unit test
    // compares them), without parsing the base again on every click.
    return params.length ? `${base}?${new URLSearchParams(params).toString()}` : base
  }
  const target = new URL(base)
  for (const [key, value] of params) target.searchParams.set(key, value)
  return target.toString()
}

const bases = new Map<string, string>()

/**
 * The checked target of a destination, before query parameters: the same for every click on a link, so it is
 * worked out once per (storefront, allowed hosts, destination) — the redirect path's hottest code.
 */
function redirectBase(hosts: StorefrontHosts, destination: string | null): string {
  const key = `${hosts.storefrontUrl}\n${hosts.allowedHosts.join(",")}\n${destination ?? ""}`
  let known = bases.get(key)
  if (known === undefined) {
    const base = new URL(hosts.storefrontUrl)
    let target: URL
    const checked = destination ? checkDestination(destination, hosts) : null
    if (checked?.ok) {
      target = checked.destination.startsWith("/")
        ? new URL(joinPath(base.pathname, checked.destination), base.origin)
        : new URL(checked.destination)
    } else {
      target = new URL(base.toString())
    }
    if (!isAllowedHost(target.host, hosts)) target = new URL(base.toString())
    known = target.toString()
    if (bases.size >= 10_000) bases.clear()
    bases.set(key, known)
  }
  return known
}

function joinPath(basePath: string, path: string): string {
  const trimmed = basePath.endsWith("/") ? basePath.slice(0, -1) : basePath
  return `${trimmed}${path}`
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/
/** Slugs that name sub-routes of /r/:code. */
export const RESERVED_SLUGS = new Set(["qr"])

/** The public short link for a code (and optionally a named link), e.g. https://shop.example.com/r/JANE/tea. */
export function shortLinkUrl({ publicUrl, code, slug }: { publicUrl: string; code: string; slug?: string | null }) {
  const base = publicUrl.endsWith("/") ? publicUrl.slice(0, -1) : publicUrl
  return `${base}/r/${encodeURIComponent(code)}${slug ? `/${encodeURIComponent(slug)}` : ""}`
}
