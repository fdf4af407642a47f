// Who a trigger is about: the customer and/or the promoter named by an event's payload.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { clock } from "../../../lib/clock"

export type Subjects = { customer?: string; promoter?: string }

export async function subjectsOfEvent(container: MedusaContainer, name: string, data: Record<string, unknown>): Promise<Subjects> {
  const id = typeof data.id === "string" ? data.id : undefined
  if (name.startsWith("rule.")) {
    const type = data.subject_type
    const subject = typeof data.subject_id === "string" ? data.subject_id : undefined
    return type === "customer" ? { customer: subject } : type === "promoter" ? { promoter: subject } : {}
  }
  if (name === "promoter.order_attributed") {
    // A payload that carries the customer is used as it is; without one, the order's customer is read (shared).
    const customer = "customer_id" in data ? data.customer_id : await customerOfOrder(container, data.order_id as string)
    return { promoter: data.promoter_id as string, customer: typeof customer === "string" ? customer : undefined }
  }
  if (name === "promoter.commission_created" || name === "promoter.risk_flagged") return { promoter: data.promoter_id as string }
  if (name.startsWith("promoter.")) return { promoter: id }
  if (name.startsWith("customer.")) return { customer: id }
  if (name.startsWith("order.") && id) return { customer: (await customerOfOrder(container, id)) ?? undefined }
  return {}
}

/** How long a read of an order's customer serves the other listeners of the same order's events. */
const SHARED_READ_MS = 60_000
const recentReads = new Map<string, { at: number; customer: Promise<string | null> }>()

/**
 * The customer of an order. Medusa's order events carry only the order's id, and several listeners of one event
 * (the rules, outcome measurement, then the rules again on promoter.order_attributed) need its customer: the first
 * asks Query, and the others in this process within a minute share that read. Reads are per order: a process that
 * handles many orders keeps a minute of them.
 */
export function customerOfOrder(container: MedusaContainer, orderId: string): Promise<string | null> {
  const now = clock.elapsedMs()
  // Entries are in the order they were made: drop the expired ones from the front.
  for (const [key, read] of recentReads) {
    if (now - read.at <= SHARED_READ_MS) break
    recentReads.delete(key)
  }
  const shared = recentReads.get(orderId)
  if (shared) return shared.customer
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const customer = query
    .graph({ entity: "order", fields: ["customer_id"], filters: { id: orderId } })
    .then(({ data }) => (data[0]?.customer_id as string | null | undefined) ?? null)
  recentReads.set(orderId, { at: now, customer })
  // A failed read is not shared: the next listener asks again.
  customer.catch(() => recentReads.delete(orderId))
  return customer
}
