/**
 * A decimal string of an amount as Medusa hands it over: a number, a string, a BigNumber (its exact value), or a
 * raw column's { value, precision }. Duck-typed, so the money module stays free of Medusa imports. Null is 0.
 */
export function decimalOf(amount: unknown): string {
  if (amount === null || amount === undefined) return "0"
  if (typeof amount === "number" || typeof amount === "string") return String(amount)
  if (typeof amount === "object") {
    // Medusa's BigNumber: its bignumber.js value is exact; its raw value is rounded to 20 significant digits.
    const exact = (amount as { bigNumber?: { toFixed?: () => string } }).bigNumber
    if (exact && typeof exact.toFixed === "function") return exact.toFixed()
    const raw = (amount as { raw?: { value?: unknown } }).raw
    if (raw && typeof raw === "object" && raw.value !== undefined) return String(raw.value)
    const value = (amount as { value?: unknown }).value
    if (value !== undefined && value !== null) return String(value)
    const numeric = (amount as { numeric?: unknown }).numeric
    if (typeof numeric === "number") return String(numeric)
  }
  throw new Error(`not an amount: ${JSON.stringify(amount)}`)
}
