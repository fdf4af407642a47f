// Touches as rows: the shape a caller gives, and one INSERT per batch.
import { generateEntityId } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { clock } from "../../lib/clock"

export type NewTouch = {
  promoter_id: string
  link_id: string | null
  code: string
  channel: "web" | "mobile" | "social" | "email" | "chat" | "qr" | "in_store"
  source: "link" | "api" | "invitation"
  utm_source: string | null
  utm_medium: string | null
  utm_campaign: string | null
  utm_term: string | null
  utm_content: string | null
  referrer_host: string | null
  device: "desktop" | "mobile" | "tablet" | "unknown"
  visitor_id: string | null
  customer_id: string | null
  email: string | null
  ip_hash: string | null
  occurred_at: Date
  /** The visitor id was made for this touch (no cookie came with it): it has no earlier touches to look up. */
  new_visitor?: boolean
}

/** A touch with every field the caller does not know left empty (device "unknown", the wall time now): name only what you know. */
export function newTouch(fields: Pick<NewTouch, "promoter_id" | "code" | "channel" | "source"> & Partial<NewTouch>): NewTouch {
  return {
    link_id: null,
    utm_source: null,
    utm_medium: null,
    utm_campaign: null,
    utm_term: null,
    utm_content: null,
    referrer_host: null,
    device: "unknown",
    visitor_id: null,
    customer_id: null,
    email: null,
    ip_hash: null,
    occurred_at: clock.wall(),
    ...fields,
  }
}

/** The columns a batch of touches writes, with their SQL types (json_to_recordset needs them). */
const TOUCH_COLUMNS = [
  ["id", "text"], ["promoter_id", "text"], ["link_id", "text"], ["code", "text"], ["channel", "text"], ["source", "text"],
  ["utm_source", "text"], ["utm_medium", "text"], ["utm_campaign", "text"], ["utm_term", "text"], ["utm_content", "text"],
  ["referrer_host", "text"], ["device", "text"], ["visitor_id", "text"], ["customer_id", "text"], ["email", "text"],
  ["ip_hash", "text"], ["is_unique", "boolean"], ["occurred_at", "timestamptz"],
] as const
const INSERT_TOUCHES = `insert into promoter_touch (${TOUCH_COLUMNS.map(([name]) => name).join(", ")})
  select ${TOUCH_COLUMNS.map(([name]) => name).join(", ")}
    from json_to_recordset(?::json) as t(${TOUCH_COLUMNS.map(([name, type]) => `${name} ${type}`).join(", ")})`

/**
 * One INSERT per 1,000 touches from a JSON array (json_to_recordset): the ORM's per-entity work is too slow for the
 * redirect path, and one parameter instead of 19 per row costs both Node and PostgreSQL less CPU than a VALUES list.
 */
export async function insertTouches(manager: SqlEntityManager, rows: (NewTouch & { is_unique: boolean })[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await manager.execute(INSERT_TOUCHES, [JSON.stringify(rows.slice(i, i + 1000).map(touchRow))])
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * A touch as one JSON row. Text is made well-formed first (a lone UTF-16 surrogate, e.g. a tag cut in the middle of an
 * emoji, becomes U+FFFD): PostgreSQL's json parser refuses the `\ud83d` escape JSON.stringify would write for it.
 */
function touchRow(touch: NewTouch & { is_unique: boolean }): Record<string, unknown> {
  const row: Record<string, unknown> = { id: generateEntityId(undefined, "tch") }
  for (const [name] of TOUCH_COLUMNS) {
    if (name === "id") continue
    const value = (touch as Record<string, unknown>)[name]
    row[name] = typeof value === "string" ? value.replace(LONE_SURROGATE, "\uFFFD") : value
  }
  return row
}
