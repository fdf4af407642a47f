import { z } from "@medusajs/framework/zod"
import { dateTime, nullableDateTime, timestamps } from "./common"
import { responseComponents } from "./registry"

export const WebhookEndpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()).describe('Event names, or ["*"] for every event'),
    status: z.enum(["active", "disabled"]),
    consecutive_failures: z.number().int().describe("Deliveries in a row that failed for good since the last success"),
    failing_since: nullableDateTime().describe("The first failed attempt since the last success"),
    disabled_reason: z.string().nullable(),
    disabled_at: nullableDateTime(),
    previous_secret_expires_at: nullableDateTime().describe("Until then the secret before the last rotation signs too"),
    created_at: dateTime(),
    updated_at: dateTime(),
  })
  .register(responseComponents, { id: "WebhookEndpoint" })

export const WebhookAttempt = z.object({
  at: dateTime(),
  status_code: z.number().int().nullable().describe("The receiver's HTTP status; null when there was no answer"),
  error: z.string().nullable(),
  duration_ms: z.number().int(),
})

export const WebhookDelivery = z
  .object({
    id: z.string(),
    endpoint_id: z.string(),
    event_name: z.string(),
    webhook_id: z.string().describe("The webhook-id header (msg_…): the same on every attempt; receivers deduplicate by it"),
    payload: z.object({ type: z.string(), timestamp: dateTime(), data: z.unknown() }),
    status: z.enum(["pending", "succeeded", "failed"]),
    attempts: z.number().int(),
    next_attempt_at: nullableDateTime(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    last_attempt_at: nullableDateTime(),
    attempt_log: z.object({ list: z.array(WebhookAttempt) }),
    created_at: timestamps.created_at,
    updated_at: timestamps.updated_at,
  })
  .register(responseComponents, { id: "WebhookDelivery" })
