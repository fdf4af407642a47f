import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { customerOfOrder } from "../workflows/automation/utils/subjects"
import { measureOutcomes } from "../workflows/automation/utils/measure-outcomes"
import { PromoterEvents } from "../lib/events"
import { clock } from "../lib/clock"

/**
 * Responses arrive with orders: the customer's (or the credited promoter's) open exposures are measured again, so
 * the variants' allocation and the reports see a response as soon as it happens.
 */
export default async function measureOutcomesOnOrder({ event, container }: SubscriberArgs<Record<string, unknown>>) {
  const data = event.data ?? {}
  const now = clock.now()
  let subject: string | undefined
  if (event.name === PromoterEvents.ORDER_ATTRIBUTED) subject = typeof data.promoter_id === "string" ? data.promoter_id : undefined
  else if (typeof data.id === "string") subject = (await customerOfOrder(container, data.id)) ?? undefined
  if (subject) await measureOutcomes(container, { now, subjectIds: [subject] })
}

export const config: SubscriberConfig = { event: ["order.placed", PromoterEvents.ORDER_ATTRIBUTED] }
