import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { settleOrderCommissionsWorkflow } from "../workflows/compensation/settle-order-commissions"

/** A canceled order: its commissions, bonuses and volume go to nothing (once, however often the event comes). */
export default async function orderCanceledCommissions({ event, container }: SubscriberArgs<{ id: string }>) {
  await settleOrderCommissionsWorkflow(container).run({ input: { order_id: event.data.id, cause: "cancel" } })
}

export const config: SubscriberConfig = { event: "order.canceled" }
