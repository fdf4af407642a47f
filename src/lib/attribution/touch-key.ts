import { createHash } from "node:crypto"
import { customAlphabet } from "nanoid"

// Pure: making and checking the secrets of touch keys (apps and tills that may name a person in a touch).

export const TOUCH_KEY_PREFIX = "ptk_"

/** 40 characters from 54 (no look-alikes): about 230 bits, so a plain SHA-256 is enough to store it. */
const secretBody = customAlphabet("23456789ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz", 40)

export function newTouchKeySecret(): { secret: string; hash: string; hint: string } {
  const secret = `${TOUCH_KEY_PREFIX}${secretBody()}`
  return { secret, hash: hashTouchKeySecret(secret), hint: `${secret.slice(0, TOUCH_KEY_PREFIX.length + 4)}…` }
}

export function hashTouchKeySecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex")
}

/**
 * The touch key a request presents: the `x-promoter-touch-key` header, or `Authorization: Bearer ptk_…` (a customer's
 * bearer token is a JWT, never starting with the prefix). Null when none.
 */
export function presentedTouchKey(headers: Record<string, string | string[] | undefined>): string | null {
  const header = headers["x-promoter-touch-key"]
  const direct = Array.isArray(header) ? header[0] : header
  if (direct) return direct.trim()
  const bearer = /^Bearer\s+(\S+)$/i.exec(String(headers.authorization ?? ""))?.[1]
  return bearer?.startsWith(TOUCH_KEY_PREFIX) ? bearer : null
}
