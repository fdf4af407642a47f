import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { clock } from "../../../lib/clock"
import type { WebhookPayload } from "../../../lib/webhooks/events"
import { occurrenceKey } from "../../../lib/webhooks/message-id"
import { webhooksService } from "../utils/webhooks-service"

export type EnqueueWebhookInput = { event_name: string; data: unknown }

/**
 * A delivery per active endpoint subscribed to the event, due now (none again for a redelivered event: the webhook
 * id is the occurrence's). Undoing deletes the deliveries written now.
 */
export const enqueueWebhookDeliveriesStep = createStep(
  "enqueue-promoter-webhook-deliveries",
  async ({ event_name, data }: EnqueueWebhookInput, { container }) => {
    const now = clock.now()
    const payload: WebhookPayload = { type: event_name, timestamp: now.toISOString(), data }
    const ids = await webhooksService(container).enqueue({ event_name, occurrence: occurrenceKey({ name: event_name, data }), payload, now })
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await webhooksService(container).deleteWebhookDeliveries(ids)
  }
)
