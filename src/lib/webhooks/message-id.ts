import { createHash } from "node:crypto"

/** JSON with object keys sorted at every depth: the same data gives the same text whatever order it was built in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}

/**
 * What makes an occurrence of an event one occurrence: its name and its data. The event bus delivers at least once,
 * and a redelivery carries the same data, so it maps to the same key (and the same webhook id per endpoint); the
 * plugin's events carry the id of what they are about (order, entry, payout, promoter), so distinct occurrences differ.
 */
export function occurrenceKey({ name, data }: { name: string; data: unknown }): string {
  return createHash("sha256").update(`${name}\n${canonicalJson(data)}`).digest("hex")
}

/** The webhook id of an occurrence at one endpoint: the same on every retry and every redelivery of the event. */
export function webhookId({ endpointId, occurrence }: { endpointId: string; occurrence: string }): string {
  return "msg_" + createHash("sha256").update(`${endpointId}:${occurrence}`).digest("base64url").slice(0, 27)
}
