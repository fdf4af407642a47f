import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PromoterEvents } from "../lib/events"
import { ensureDefaultCoupon } from "../workflows/promoter/ensure-default-coupon"

/** When a promoter becomes active, gives them the default coupon of the plugin options (once, even if redelivered). */
export default async function createDefaultCoupon({ event, container }: SubscriberArgs<{ id: string }>) {
  await ensureDefaultCoupon(container, event.data.id)
}

export const config: SubscriberConfig = { event: PromoterEvents.ACTIVATED }
