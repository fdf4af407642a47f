// Who belongs to whom: a customer bound to the promoter who brought them (first binding wins, for the configured
// months), and a visitor (device) known to be a customer. Both idempotent by their unique index.
import { generateEntityId } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"

/** Binds a customer to a promoter from `boundAt`, for `months` (null: for ever); an existing binding wins. */
export async function bindCustomer(
  manager: SqlEntityManager,
  b: { email: string; customerId: string | null; promoterId: string; source: "signup" | "order"; orderId: string | null; boundAt: Date; months: number | null }
): Promise<void> {
  const expires = b.months ? new Date(b.boundAt.getTime()) : null
  if (expires && b.months) expires.setUTCMonth(expires.getUTCMonth() + b.months)
  await manager.execute(
    `insert into promoter_customer_binding (id, email, customer_id, promoter_id, source, order_id, bound_at, expires_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (email) where deleted_at is null do nothing`,
    [generateEntityId(undefined, "pbind"), b.email, b.customerId, b.promoterId, b.source, b.orderId, b.boundAt, expires]
  )
}

/** Remembers that a visitor (device) belongs to a logged-in customer. */
export async function linkVisitor(manager: SqlEntityManager, { visitorId, customerId }: { visitorId: string; customerId: string }): Promise<void> {
  await manager.execute(
    `insert into promoter_visitor_customer (id, visitor_id, customer_id) values (?, ?, ?)
     on conflict (visitor_id, customer_id) where deleted_at is null do nothing`,
    [generateEntityId(undefined, "pvc"), visitorId, customerId]
  )
}
