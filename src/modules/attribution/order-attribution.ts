// An order's one attribution: recorded once under a per-order lock (a redelivered order.placed finds the stored
// decision), with the customer's binding and the rollup's conversion in the same transaction; and what is left of
// the order's volume after its settlements.
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { toBigNumberColumn } from "../../lib/casts"
import { setBigNumberSql } from "../../lib/raw-columns"
import { dayInZone } from "../../lib/time"
import { bindCustomer } from "./bindings"
import { bumpDailyStat } from "./rollups"

export type OrderAttributionInput = {
  order_id: string
  promoter_id: string | null
  decided_by: "coupon" | "cart_referral" | "customer_binding" | "touch" | "none" | "self_referral_denied"
  winning_touch_id: string | null
  channel: string | null
  self_referral: boolean
  customer_id: string | null
  email: string | null
  currency_code: string
  order_total: string
  volume: string
  candidates: Record<string, unknown>[]
  placed_at: Date
}

/** The order's one attribution: just written, or found (a redelivered order.placed), with its stored decision. */
export type RecordedAttribution = {
  created: boolean
  id: string
  promoter_id: string | null
  decided_by: string
  self_referral: boolean
}

type StoredDecision = Omit<RecordedAttribution, "created">

/**
 * Records an order's attribution once: under a per-order lock, the existing row wins. A new attributed order also
 * binds the customer (first binding wins) and adds to the dashboard rollup. `find` and `create` are the module's
 * own data-model methods, in the caller's transaction.
 */
export async function recordOrderAttribution(
  deps: {
    manager: SqlEntityManager
    find: (orderId: string) => Promise<StoredDecision | undefined>
    create: (row: ReturnType<typeof attributionRow>) => Promise<{ id: string }>
    timeZone: string
    bindingMonths: number | null
  },
  input: OrderAttributionInput
): Promise<RecordedAttribution> {
  const { manager } = deps
  await manager.execute("select pg_advisory_xact_lock(hashtext(?))", [`promoter-order-attribution:${input.order_id}`])
  const existing = await deps.find(input.order_id)
  if (existing) {
    return { created: false, id: existing.id, promoter_id: existing.promoter_id, decided_by: existing.decided_by, self_referral: existing.self_referral }
  }
  const row = await deps.create(attributionRow(input))
  if (input.promoter_id) {
    if (input.email) {
      await bindCustomer(manager, {
        email: input.email,
        customerId: input.customer_id,
        promoterId: input.promoter_id,
        source: "order",
        orderId: input.order_id,
        boundAt: input.placed_at,
        months: deps.bindingMonths,
      })
    }
    await bumpDailyStat(manager, {
      promoter_id: input.promoter_id,
      day: dayInZone(input.placed_at, deps.timeZone),
      channel: input.channel ?? "web",
      currency_code: input.currency_code,
      conversions: 1,
      revenue: input.order_total,
    })
  }
  return { created: true, id: row.id, promoter_id: input.promoter_id, decided_by: input.decided_by, self_referral: input.self_referral }
}

/** A new attribution row: the order as placed is also what is left of it until a settlement says otherwise. */
function attributionRow(input: OrderAttributionInput) {
  return {
    ...input,
    order_total: toBigNumberColumn(input.order_total),
    volume: toBigNumberColumn(input.volume),
    placed_volume: toBigNumberColumn(input.volume),
    net_total: toBigNumberColumn(input.order_total),
    candidates: { list: input.candidates },
  }
}

/**
 * What is left of the order (see the model), set by the order's settlement: its volume, and its total less the
 * same share (volume / gross volume) taken back. Settlements only take back, so by default a volume only goes
 * down: a settlement that read the order before another one finished cannot put back what the other took.
 * `restore` sets it as given (undoing a settlement).
 */
export async function setOrderVolume(
  manager: SqlEntityManager,
  { order_id, volume, gross_volume, restore = false }: { order_id: string; volume: string; gross_volume: string; restore?: boolean }
): Promise<void> {
  await manager.execute(
    `update promoter_order_attribution
        set ${setBigNumberSql("volume", "v.volume")}, ${setBigNumberSql("net_total", "v.net_total")}, updated_at = now()
       from (select n.volume,
                    case when ?::numeric > 0 then trim_scale(round(n.order_total * n.volume / ?::numeric, 12)) else 0 end as net_total
               from (select a.order_total, case when ? or a.volume is null then ?::numeric else least(a.volume, ?::numeric) end as volume
                       from promoter_order_attribution a where a.order_id = ? and a.deleted_at is null) n) v
      where order_id = ? and deleted_at is null`,
    [gross_volume, gross_volume, restore, volume, volume, order_id, order_id]
  )
}
