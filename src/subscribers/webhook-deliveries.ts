import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { WEBHOOK_EVENTS } from "../lib/webhooks/events"
import { enqueueWebhookDeliveriesWorkflow } from "../workflows/webhooks/enqueue-webhook-deliveries"

/** Each of the plugin's events becomes a delivery per subscribed endpoint (a redelivered event writes none). */
export default async function webhookDeliveries({ event, container }: SubscriberArgs<unknown>) {
  await enqueueWebhookDeliveriesWorkflow(container).run({ input: { event_name: event.name, data: event.data } })
}

export const config: SubscriberConfig = { event: [...WEBHOOK_EVENTS], context: { subscriberId: "promoter-webhook-deliveries" } }
