import { customAlphabet } from "nanoid"

/** Upper-case letters and digits without the ones people confuse when reading aloud: 0/O, 1/I/L. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
export const GENERATED_CODE_LENGTH = 7

const generate = customAlphabet(CODE_ALPHABET, GENERATED_CODE_LENGTH)

/** A random referral code from a cryptographic source (nanoid uses crypto.getRandomValues). */
export function generateReferralCode(): string {
  return generate()
}

export const RESERVED_CODES = new Set([
  "ADMIN",
  "API",
  "APP",
  "AUTH",
  "HEALTH",
  "HELP",
  "LOGIN",
  "PROMOTER",
  "PROMOTERS",
  "QR",
  "R",
  "ROOT",
  "STORE",
  "SUPPORT",
  "SYSTEM",
  "TEST",
  "NULL",
  "UNDEFINED",
])

export const VANITY_MIN = 3
export const VANITY_MAX = 32

/** Codes are case-insensitive: everything is compared and stored upper-case. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase()
}

/** Returns why a vanity code is refused, or null when it is acceptable (uniqueness is checked by the database). */
export function vanityCodeProblem(raw: string): string | null {
  const code = normalizeCode(raw)
  if (code.length < VANITY_MIN || code.length > VANITY_MAX) {
    return `must be ${VANITY_MIN} to ${VANITY_MAX} characters`
  }
  if (!/^[A-Z0-9](?:[A-Z0-9-]*[A-Z0-9])?$/.test(code)) {
    return "may contain only letters A-Z, digits and inner hyphens"
  }
  if (code.includes("--")) {
    return "must not contain two hyphens in a row"
  }
  if (RESERVED_CODES.has(code)) {
    return `"${code}" is reserved`
  }
  return null
}

/** A readable coupon code from a base (name or referral code) and a suffix, e.g. JANE10. */
export function couponCodeFrom({ base, suffix }: { base: string; suffix: string }): string {
  const letters = normalizeCode(base)
    .normalize("NFKD")
    .replace(/[^A-Z0-9]/g, "")
    .slice(0, 12)
  return `${letters || "PROMO"}${normalizeCode(suffix).replace(/[^A-Z0-9]/g, "")}`
}
