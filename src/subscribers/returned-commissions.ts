import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { reverseReturnedCommissionsWorkflow } from "../workflows/reverse-order-commissions"

/** A received return or a refund reverses that share of the order's commissions, once per return or refund. */
export default async function returnedCommissions({ event, container }: SubscriberArgs<{ id?: string; order_id?: string; return_id?: string }>) {
  const input =
    event.name === "payment.refunded"
      ? { kind: "refund" as const, payment_id: event.data.id! }
      : { kind: "return" as const, order_id: event.data.order_id!, return_id: event.data.return_id! }
  await reverseReturnedCommissionsWorkflow(container).run({ input })
}

export const config: SubscriberConfig = { event: ["order.return_received", "payment.refunded"] }
