// Read model: Medusa's orders, as the plugin's set-based figures need them. The only place in the plugin that names
// Medusa's order tables in SQL.
//
// Reads (table: columns):
//   "order":                    id, customer_id, created_at, canceled_at, status, is_draft_order, deleted_at, version
//   order_summary:              order_id, totals (raw_current_order_total, current_order_total), version, deleted_at
//   order_promotion:            order_id, promotion_id, deleted_at
//   order_item:                 order_id, item_id, version, deleted_at
//   order_line_item_adjustment: item_id, promotion_id, amount, deleted_at
//
// Why not Query: these feed statements that measure every open exposure at once (joined to the plugin's own rows by
// customer, time window and promotion) and the purchase model's fit over the store's whole order history. Query
// answers per entity through the ORM: it cannot join to the plugin's rows by a time window, and reading every order
// through it would hydrate each one in Node to keep two columns. Per-order reads (an event's order, a customer's
// orders for a rule's facts) go through Query.
//
// integration-tests/http/read-models.spec.ts checks every column named here against the migrated database
// (ORDER_COLUMNS) and the figures against orders placed through Medusa's own checkout: when a Medusa upgrade moves
// any of it, that test fails.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { rawValueSql } from "../lib/raw-columns"

/** The columns this read model names, with their PostgreSQL types (information_schema.columns.udt_name). */
export const ORDER_COLUMNS: Record<string, Record<string, string>> = {
  order: {
    id: "text",
    customer_id: "text",
    created_at: "timestamptz",
    canceled_at: "timestamptz",
    status: "order_status_enum",
    is_draft_order: "bool",
    deleted_at: "timestamptz",
    version: "int4",
  },
  order_summary: { order_id: "text", totals: "jsonb", version: "int4", deleted_at: "timestamptz" },
  order_promotion: { order_id: "varchar", promotion_id: "varchar", deleted_at: "timestamptz" },
  order_item: { order_id: "text", item_id: "text", version: "int4", deleted_at: "timestamptz" },
  order_line_item_adjustment: { item_id: "text", promotion_id: "text", amount: "numeric", deleted_at: "timestamptz" },
}

/** The value of order_status_enum this read model compares with. */
export const CANCELED_STATUS = "canceled"

/**
 * SQL relation: the store's placed orders that count (not deleted, canceled or draft), with the customer, when,
 * the currency and the current total (the newest order summary's exact `raw_current_order_total`, after edits and
 * returns; its JSON number where a summary has no raw value).
 * Columns: id, customer_id, created_at, currency_code, total.
 */
export const PLACED_ORDERS = `(select o.id, o.customer_id, o.created_at, o.currency_code,
         (select coalesce(${rawValueSql("s.totals->'raw_current_order_total'")}, (s.totals->>'current_order_total')::numeric) from order_summary s
           where s.order_id = o.id and s.deleted_at is null order by s.version desc limit 1) as total
    from "order" o
   where o.deleted_at is null and o.canceled_at is null and o.status <> '${CANCELED_STATUS}' and not o.is_draft_order)`

/** SQL condition: the order of `orderIdSql` is not a canceled one (an order Medusa no longer has counts as kept). */
export function orderNotCanceledSql(orderIdSql: string): string {
  return `not exists (select 1 from "order" co where co.id = ${orderIdSql} and (co.canceled_at is not null or co.status = '${CANCELED_STATUS}'))`
}

/**
 * SQL relation: each use of a promotion on an order that was not deleted or canceled, with the order's time and the
 * discount the promotion gave on its items (the adjustments of the order's current version; null when none).
 * Columns: promotion_id, order_id, created_at, discount.
 */
export const PROMOTION_REDEMPTIONS = `(select op.promotion_id, o.id as order_id, o.created_at,
         (select sum(adj.amount) from order_item oi
            join order_line_item_adjustment adj on adj.item_id = oi.item_id and adj.deleted_at is null
           where oi.order_id = o.id and oi.version = o.version and oi.deleted_at is null
             and adj.promotion_id = op.promotion_id) as discount
    from order_promotion op
    join "order" o on o.id = op.order_id and o.deleted_at is null and o.canceled_at is null and o.status <> '${CANCELED_STATUS}'
   where op.deleted_at is null)`

/** Every customer's placed order dates up to `asOf`, oldest first (the purchase model's history). */
export async function customerOrderDates(container: MedusaContainer, { asOf }: { asOf: Date }): Promise<Map<string, Date[]>> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await pg.raw(
    `select po.customer_id, po.created_at from ${PLACED_ORDERS} po
      where po.customer_id is not null and po.created_at <= ?
      order by po.customer_id, po.created_at`,
    [asOf]
  )
  const history = new Map<string, Date[]>()
  for (const r of rows as { customer_id: string; created_at: Date }[]) {
    const list = history.get(r.customer_id)
    if (list) list.push(new Date(r.created_at))
    else history.set(r.customer_id, [new Date(r.created_at)])
  }
  return history
}
