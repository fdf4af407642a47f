// The Standard Webhooks signature (https://www.standardwebhooks.com): what a sender signs and a receiver checks.
// Pure code over node:crypto, so a receiver can use it as it is (README, "Webhooks").
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto"

export const SECRET_PREFIX = "whsec_"

/** A new endpoint secret: whsec_ and the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64")
}

/** The key bytes of a secret: the base64 after whsec_ (a secret without the prefix is read as base64 too). */
function keyOf(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64")
  if (!key.length) throw new Error("webhook secret has no key bytes")
  return key
}

/** One signature, `v1,` + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`. */
export function sign({ secret, id, timestamp, body }: { secret: string; id: string; timestamp: number; body: string }): string {
  return "v1," + createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")
}

export type WebhookHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string }

/**
 * The headers of one attempt. Several secrets (during a rotation: the new one and the previous one) give several
 * space-separated signatures, as the scheme allows: a receiver with either secret verifies.
 */
export function signedHeaders({ secrets, id, timestamp, body }: { secrets: string[]; id: string; timestamp: number; body: string }): WebhookHeaders {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((secret) => sign({ secret, id, timestamp, body })).join(" "),
  }
}

export type VerifyResult = { ok: true } | { ok: false; reason: "missing_headers" | "bad_timestamp" | "timestamp_out_of_tolerance" | "no_matching_signature" }

/**
 * A receiver's check: the headers are there, the timestamp is within `toleranceSeconds` of `nowSeconds` (replays of
 * old messages fail), and one of the signatures is the secret's (compared in constant time).
 */
export function verify({
  secret,
  headers,
  body,
  nowSeconds,
  toleranceSeconds = 5 * 60,
}: {
  secret: string
  headers: Partial<Record<string, string | string[] | undefined>>
  body: string
  nowSeconds: number
  toleranceSeconds?: number
}): VerifyResult {
  const header = (name: string) => {
    const value = headers[name]
    return Array.isArray(value) ? value[0] : value
  }
  const id = header("webhook-id")
  const timestampText = header("webhook-timestamp")
  const signatures = header("webhook-signature")
  if (!id || !timestampText || !signatures) return { ok: false, reason: "missing_headers" }
  if (!/^\d+$/.test(timestampText)) return { ok: false, reason: "bad_timestamp" }
  const timestamp = Number(timestampText)
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: "timestamp_out_of_tolerance" }
  const expected = Buffer.from(sign({ secret, id, timestamp, body }).slice(3), "base64")
  for (const candidate of signatures.split(" ")) {
    const [version, value] = candidate.split(",", 2)
    if (version !== "v1" || !value) continue
    const given = Buffer.from(value, "base64")
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true }
  }
  return { ok: false, reason: "no_matching_signature" }
}
