import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { reverseOrderCommissionsWorkflow } from "../workflows/reverse-order-commissions"

/** A canceled order reverses every commission entry it produced (once, however often the event comes). */
export default async function orderCanceledCommissions({ event, container }: SubscriberArgs<{ id: string }>) {
  await reverseOrderCommissionsWorkflow(container).run({ input: { order_id: event.data.id, reason_key: `cancel:${event.data.id}` } })
}

export const config: SubscriberConfig = { event: "order.canceled" }
