// Who a trigger is about: the customer and/or the promoter named by an event's payload.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export type Subjects = { customer?: string; promoter?: string }

export async function subjectsOfEvent(container: MedusaContainer, name: string, data: Record<string, unknown>): Promise<Subjects> {
  const id = typeof data.id === "string" ? data.id : undefined
  if (name.startsWith("rule.")) {
    const type = data.subject_type
    const subject = typeof data.subject_id === "string" ? data.subject_id : undefined
    return type === "customer" ? { customer: subject } : type === "promoter" ? { promoter: subject } : {}
  }
  if (name === "promoter.order_attributed") {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: orders } = await query.graph({ entity: "order", fields: ["customer_id"], filters: { id: data.order_id as string } })
    return { promoter: data.promoter_id as string, customer: orders[0]?.customer_id ?? undefined }
  }
  if (name === "promoter.commission_created" || name === "promoter.risk_flagged") return { promoter: data.promoter_id as string }
  if (name.startsWith("promoter.")) return { promoter: id }
  if (name.startsWith("customer.")) return { customer: id }
  if (name.startsWith("order.") && id) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: orders } = await query.graph({ entity: "order", fields: ["customer_id"], filters: { id } })
    return { customer: orders[0]?.customer_id ?? undefined }
  }
  return {}
}
