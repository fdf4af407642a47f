// Which URLs a webhook may be sent to. A store's admin names the URL, and the worker calls it from inside the
// store's network: without this check an endpoint could read the cloud's metadata service or internal services.
import { isIP } from "node:net"

/** Addresses of the machine itself, private networks, link-local (cloud metadata), CGNAT, unspecified, multicast. */
export function isPrivateAddress(address: string): boolean {
  const host = address.replace(/^\[|\]$/g, "").toLowerCase()
  const version = isIP(host)
  if (version === 4) {
    const [a, b] = host.split(".").map(Number)
    return (
      a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224
    )
  }
  if (version === 6) {
    if (host === "::" || host === "::1") return true
    const mapped = host.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)
    if (mapped) return isPrivateAddress(mapped[1])
    // URL writes an IPv4-mapped address in hex (::ffff:7f00:1 for 127.0.0.1).
    const hex = host.match(/^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/)
    if (hex) {
      const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)]
      return isPrivateAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`)
    }
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(host)
  }
  return false
}

export type UrlProblem = "not_a_url" | "not_http" | "has_credentials" | "private_address"

/**
 * Why a URL cannot be an endpoint (null: it can). Host names are checked here by name (localhost, *.localhost,
 * *.local, *.internal); the worker checks the addresses they resolve to before each request.
 */
export function webhookUrlProblem(url: string, { allowPrivate }: { allowPrivate: boolean }): UrlProblem | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return "not_a_url"
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "not_http"
  if (parsed.username || parsed.password) return "has_credentials"
  if (allowPrivate) return null
  const host = parsed.hostname.toLowerCase()
  if (host === "localhost" || /\.(localhost|local|internal)$/.test(host) || isPrivateAddress(host)) return "private_address"
  return null
}

export const URL_PROBLEM_MESSAGES: Record<UrlProblem, string> = {
  not_a_url: "must be a URL",
  not_http: "must be an http:// or https:// URL",
  has_credentials: "must not carry a user name or password",
  private_address: "must not point at a private, loopback or link-local address (plugin option webhooks.allowPrivateUrls)",
}
