// Writes generated histories (integration-tests/fixtures/generate-history.ts) into the store fast: customers through Medusa's customer
// module, orders in bulk into Medusa's order tables the way its order module writes them, dated as the history says.
// Facts, predictions and outcome measurement read them like any other order; no order.placed event is emitted for
// them (history happened before the rules existed).
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { randomBytes } from "node:crypto"

export type HistoryOrder = { customerId: string; at: Date; amount: number; currencyCode?: string }

export async function writeCustomers(
  container: MedusaContainer,
  customers: { key: string; joined: Date; metadata?: Record<string, unknown> }[],
  { batch = 500 }: { batch?: number } = {}
): Promise<Map<string, string>> {
  const customerModule = container.resolve(Modules.CUSTOMER)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const ids = new Map<string, string>()
  for (let i = 0; i < customers.length; i += batch) {
    const slice = customers.slice(i, i + batch)
    const created = await customerModule.createCustomers(
      slice.map((c) => ({ email: `${c.key}@history.test`, first_name: "History", last_name: c.key, has_account: false, metadata: c.metadata }))
    )
    created.forEach((c, j) => ids.set(slice[j].key, c.id))
    await pg.raw(
      `update customer c set created_at = v.at from (select unnest(?::text[]) as id, unnest(?::timestamptz[]) as at) v where c.id = v.id`,
      [`{${created.map((c) => c.id).join(",")}}`, `{${slice.map((c) => c.joined.toISOString()).join(",")}}`]
    )
  }
  return ids
}

function id(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString("hex").toUpperCase().slice(0, 26)}`
}

const zero = JSON.stringify({ value: "0", precision: 20 })

/**
 * Orders as Medusa's order module stores a one-item order (order, line item, order item, summary), inserted in bulk
 * (thousands a second instead of ~60 through the module). The HTTP tests check that query.graph computes the same
 * total for them as the summary holds, i.e. that facts read them as they read real orders.
 */
export async function writeOrders(
  container: MedusaContainer,
  orders: HistoryOrder[],
  { batch = 2000 }: { batch?: number } = {}
): Promise<string[]> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const ids: string[] = []
  for (let i = 0; i < orders.length; i += batch) {
    const rows = orders.slice(i, i + batch).map((o) => ({
      order_id: id("order"),
      item_id: id("ordli"),
      order_item_id: id("orditem"),
      summary_id: id("ordsum"),
      customer_id: o.customerId,
      email: `${o.customerId}@history.test`,
      currency_code: o.currencyCode ?? "usd",
      amount: String(o.amount),
      at: o.at.toISOString(),
    }))
    const json = JSON.stringify(rows)
    const source = `jsonb_to_recordset(?::jsonb) as x(order_id text, item_id text, order_item_id text, summary_id text, customer_id text,
                    email text, currency_code text, amount numeric, at timestamptz)`
    await pg.transaction(async (trx) => {
      await trx.raw(
        `insert into "order" (id, customer_id, email, currency_code, status, version, no_notification, metadata, created_at, updated_at)
         select order_id, customer_id, email, currency_code, 'completed', 1, true, '{"history":true}'::jsonb, at, at from ${source}`,
        [json]
      )
      await trx.raw(
        `insert into order_line_item (id, title, unit_price, raw_unit_price, requires_shipping, is_discountable, created_at, updated_at)
         select item_id, 'History item', amount, jsonb_build_object('value', amount::text, 'precision', 20), false, true, at, at from ${source}`,
        [json]
      )
      await trx.raw(
        `insert into order_item (id, order_id, version, item_id, quantity, raw_quantity, fulfilled_quantity, shipped_quantity,
                                 return_requested_quantity, return_received_quantity, return_dismissed_quantity, written_off_quantity,
                                 metadata, created_at, updated_at)
         select order_item_id, order_id, 1, item_id, 1, '{"value":"1","precision":20}'::jsonb, 0, 0, 0, 0, 0, 0, '{}'::jsonb, at, at from ${source}`,
        [json]
      )
      await trx.raw(
        `insert into order_summary (id, order_id, version, totals, created_at, updated_at)
         select summary_id, order_id, 1,
                jsonb_build_object('paid_total', 0, 'raw_paid_total', ?::jsonb, 'refunded_total', 0, 'raw_refunded_total', ?::jsonb,
                  'accounting_total', amount, 'raw_accounting_total', jsonb_build_object('value', amount::text, 'precision', 20),
                  'credit_line_total', 0, 'raw_credit_line_total', ?::jsonb, 'transaction_total', 0, 'raw_transaction_total', ?::jsonb,
                  'pending_difference', amount, 'raw_pending_difference', jsonb_build_object('value', amount::text, 'precision', 20),
                  'current_order_total', amount, 'raw_current_order_total', jsonb_build_object('value', amount::text, 'precision', 20),
                  'original_order_total', amount, 'raw_original_order_total', jsonb_build_object('value', amount::text, 'precision', 20)),
                at, at from ${source}`,
        [zero, zero, zero, zero, json]
      )
    })
    ids.push(...rows.map((r) => r.order_id))
  }
  return ids
}
