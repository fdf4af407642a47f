import { model } from "@medusajs/framework/utils"

/**
 * One event occurrence for one endpoint, with every attempt to deliver it. webhook_id (msg_…) is derived from the
 * occurrence and the endpoint, and unique: a redelivered bus event finds its delivery and writes none.
 */
const WebhookDelivery = model
  .define("promoter_webhook_delivery", {
    id: model.id({ prefix: "pwhd" }).primaryKey(),
    endpoint_id: model.text(),
    event_name: model.text(),
    webhook_id: model.text(),
    /** The body's content, { type, timestamp, data }. */
    payload: model.json(),
    status: model.enum(["pending", "succeeded", "failed"]).default("pending"),
    attempts: model.number().default(0),
    next_attempt_at: model.dateTime().nullable(),
    /** A worker holds the delivery until then while it sends (a worker that died lets go when it passes). */
    locked_until: model.dateTime().nullable(),
    last_status_code: model.number().nullable(),
    last_error: model.text().nullable(),
    last_attempt_at: model.dateTime().nullable(),
    /** { list: [{ at, status_code, error, duration_ms }] }, oldest first. */
    attempt_log: model.json(),
  })
  .indexes([
    { on: ["webhook_id"], unique: true },
    { on: ["endpoint_id", "created_at"] },
    { on: ["status", "next_attempt_at"] },
  ])

export default WebhookDelivery
