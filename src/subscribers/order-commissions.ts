import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PromoterEvents } from "../lib/events"
import { createOrderCommissionsWorkflow } from "../workflows/compensation/create-order-commissions"

/** An attributed order pays commissions up the tree (idempotent by (order, promoter, level)). */
export default async function orderCommissions({ event, container }: SubscriberArgs<{ order_id: string; promoter_id: string }>) {
  await createOrderCommissionsWorkflow(container).run({ input: { order_id: event.data.order_id, promoter_id: event.data.promoter_id } })
}

export const config: SubscriberConfig = { event: PromoterEvents.ORDER_ATTRIBUTED }
