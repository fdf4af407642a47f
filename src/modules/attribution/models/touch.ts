import { model } from "@medusajs/framework/utils"

export const CHANNELS = ["web", "mobile", "social", "email", "chat", "qr", "in_store"] as const
export const DEVICES = ["desktop", "mobile", "tablet", "unknown"] as const

/** One interaction with a promoter's identity (a click, a scan, a code typed at the till). Append-only. */
const Touch = model
  .define("promoter_touch", {
    id: model.id({ prefix: "tch" }).primaryKey(),
    promoter_id: model.text(),
    link_id: model.text().nullable(),
    code: model.text(),
    channel: model.enum([...CHANNELS]),
    source: model.enum(["link", "api", "invitation"]).default("link"),
    utm_source: model.text().nullable(),
    utm_medium: model.text().nullable(),
    utm_campaign: model.text().nullable(),
    utm_term: model.text().nullable(),
    utm_content: model.text().nullable(),
    referrer_host: model.text().nullable(),
    device: model.enum([...DEVICES]).default("unknown"),
    visitor_id: model.text().nullable(),
    customer_id: model.text().nullable(),
    email: model.text().nullable(),
    /** sha256(salt + IP); the raw IP is never stored. */
    ip_hash: model.text().nullable(),
    /** False for a repeat by the same visitor on the same link within an hour. */
    is_unique: model.boolean().default(true),
    occurred_at: model.dateTime(),
  })
  .indexes([
    { on: ["promoter_id", "occurred_at"] },
    { on: ["visitor_id", "occurred_at"] },
    // Partial: most touches are anonymous clicks, and the redirect path's inserts skip these two B-trees for them
    // (the look-ups filter by equality, which implies NOT NULL, so they still use the indexes).
    { on: ["customer_id", "occurred_at"], where: "customer_id IS NOT NULL", name: "IDX_promoter_touch_known_customer_occurred_at" },
    { on: ["email", "occurred_at"], where: "email IS NOT NULL", name: "IDX_promoter_touch_known_email_occurred_at" },
  ])

export default Touch
