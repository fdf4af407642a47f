import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { attributeOrderWorkflow } from "../workflows/attribution/attribute-order"

/** Every placed order gets its attribution (idempotent: a redelivered event changes nothing). */
export default async function attributeOrder({ event, container }: SubscriberArgs<{ id: string }>) {
  await attributeOrderWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = { event: "order.placed" }
