import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { orderProbeEnabled, recordOrderProbe } from "../lib/order-probe"

/** The benchmark's bare subscriber: notes when order.placed reached it (does nothing unless the probe is on). */
export default async function benchOrderPlaced({ event }: SubscriberArgs<{ id: string }>) {
  if (!orderProbeEnabled()) return
  const delivered = Date.now()
  const meta = (event.metadata ?? {}) as { published_at?: string | Date; created_at?: string | Date }
  const published = new Date(meta.published_at ?? meta.created_at ?? delivered).getTime()
  recordOrderProbe(event.data.id, { published_at: published, delivered_at: delivered })
}

export const config: SubscriberConfig = { event: "order.placed" }
