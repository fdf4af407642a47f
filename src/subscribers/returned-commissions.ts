import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { settleOrderCommissionsWorkflow } from "../workflows/compensation/settle-order-commissions"

/**
 * A received return or a refund: the order's commissions and volume become what is left of it. A return and the
 * refund that pays it back take back once (see lib/compensation/settlement.ts).
 */
export default async function returnedCommissions({ event, container }: SubscriberArgs<{ id?: string; order_id?: string }>) {
  const input =
    event.name === "payment.refunded" ? { payment_id: event.data.id!, cause: "refund" as const } : { order_id: event.data.order_id!, cause: "return" as const }
  await settleOrderCommissionsWorkflow(container).run({ input })
}

export const config: SubscriberConfig = { event: ["order.return_received", "payment.refunded"] }
