// Read model: the figures a risk assessment of an attributed order needs, in one statement. It joins the plugin's
// attribution rows and touches to Medusa's order, address and customer rows.
//
// Reads (table: columns):
//   "order":                 id, customer_id, shipping_address_id, created_at, canceled_at, status, deleted_at
//   order_address:           id, address_1, postal_code, country_code
//   customer:                id, created_at, has_account
//   promoter_order_attribution, promoter_touch, promoter_visitor_customer (the plugin's own, attribution module)
//
// Why not Query: the figures are counts over all of a promoter's conversions in a window, joined by address, by
// customer and by the touches of each customer and its visitors; Query answers per entity and would hydrate every
// order of the promoter in Node to count a few of them.
//
// integration-tests/http/risk.spec.ts checks every column named here against the migrated database (RISK_COLUMNS).
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { OrderRiskFigures } from "../lib/risk"

export const RISK_COLUMNS: Record<string, Record<string, string>> = {
  order: {
    id: "text",
    customer_id: "text",
    shipping_address_id: "text",
    created_at: "timestamptz",
    canceled_at: "timestamptz",
    status: "order_status_enum",
    deleted_at: "timestamptz",
  },
  order_address: { id: "text", address_1: "text", postal_code: "text", country_code: "text" },
  customer: { id: "text", created_at: "timestamptz", has_account: "bool" },
}

type Knex = { raw(sql: string, bindings: unknown[]): Promise<{ rows: Record<string, unknown>[] }> }

/**
 * The risk figures of the attributed order `orderId` credited to `promoterId`, whose own customer account (if any) is
 * `promoterCustomerId`, over `windowDays` before `now`.
 */
export async function orderRiskFigures(
  container: MedusaContainer,
  { orderId, promoterId, promoterCustomerId, now, windowDays, newAccountMinutes }: {
    orderId: string
    promoterId: string
    promoterCustomerId: string | null
    now: Date
    windowDays: number
    newAccountMinutes: number
  }
): Promise<Omit<OrderRiskFigures, "self_referral">> {
  const knex = container.resolve<Knex>(ContainerRegistrationKeys.PG_CONNECTION)
  const since = new Date(now.getTime() - windowDays * 86_400_000)
  const dayAgo = new Date(now.getTime() - 86_400_000)
  const { rows } = await knex.raw(
    `with this_order as (
       select o.id, o.customer_id, lower(trim(a.address_1)) as address_1, upper(replace(a.postal_code, ' ', '')) as postal_code, lower(a.country_code) as country_code
         from "order" o left join order_address a on a.id = o.shipping_address_id
        where o.id = ?
     ),
     conversions as (
       select pa.order_id, pa.customer_id, pa.decided_by, o.created_at, o.status, o.canceled_at,
              lower(trim(a.address_1)) as address_1, upper(replace(a.postal_code, ' ', '')) as postal_code, lower(a.country_code) as country_code,
              c.created_at as customer_created_at, c.has_account,
              trim_scale(pa.order_total) as order_total, trim_scale(pa.net_total) as net_total
         from promoter_order_attribution pa
         join "order" o on o.id = pa.order_id and o.deleted_at is null
         left join order_address a on a.id = o.shipping_address_id
         left join customer c on c.id = pa.customer_id
        where pa.promoter_id = ? and pa.deleted_at is null and (pa.placed_at >= ? or pa.order_id = ?)
     ),
     shopper_visitors as (
       select vc.visitor_id from promoter_visitor_customer vc, this_order t where vc.customer_id = t.customer_id and vc.deleted_at is null
     ),
     shopper_ips as (
       select distinct tc.ip_hash from promoter_touch tc, this_order t
        where tc.ip_hash is not null and tc.deleted_at is null
          and (tc.customer_id = t.customer_id or tc.visitor_id in (select visitor_id from shopper_visitors))
     ),
     promoter_ips as (
       select distinct tc.ip_hash from promoter_touch tc
        where ?::text is not null and tc.customer_id = ?::text and tc.ip_hash is not null and tc.deleted_at is null
     )
     select
       (select coalesce(array_agg(ip_hash order by ip_hash), '{}') from (select ip_hash from shopper_ips intersect select ip_hash from promoter_ips) s) as shared_ip_hashes,
       (select count(distinct cv.customer_id)::int from conversions cv, this_order t
         where t.address_1 is not null and cv.address_1 = t.address_1 and cv.postal_code is not distinct from t.postal_code
           and cv.country_code is not distinct from t.country_code) as customers_at_address,
       (select count(*)::int from conversions cv where cv.decided_by = 'coupon') as coupon_orders,
       -- A customer "touched" the promoter when any touch of theirs, or of a visitor linked to them, names the promoter.
       -- Each lookup starts from the customer or visitor index, not from the promoter's (possibly huge) touches.
       (select count(*)::int from conversions cv where cv.decided_by = 'coupon'
          and not exists (select 1 from promoter_touch tc where tc.customer_id = cv.customer_id and tc.promoter_id = ? and tc.deleted_at is null)
          and not exists (
            select 1 from promoter_visitor_customer vc join promoter_touch tc on tc.visitor_id = vc.visitor_id
             where vc.customer_id = cv.customer_id and vc.deleted_at is null and tc.promoter_id = ? and tc.deleted_at is null)
       ) as coupon_orders_without_touch,
       (select count(*)::int from promoter_touch tc where tc.promoter_id = ? and tc.source = 'link' and tc.occurred_at >= ? and tc.deleted_at is null) as clicks_last_day,
       (select count(*)::int from conversions) as conversions_in_window,
       (select count(*)::int from conversions) as orders_in_window,
       (select count(*)::int from conversions cv
         where cv.status = 'canceled' or cv.canceled_at is not null or (cv.net_total is not null and cv.net_total < cv.order_total)) as canceled_or_refunded,
       (select count(*)::int from conversions cv
         where cv.has_account and cv.customer_created_at > cv.created_at - make_interval(mins => ?)) as orders_from_new_accounts`,
    [orderId, promoterId, since, orderId, promoterCustomerId, promoterCustomerId, promoterId, promoterId, promoterId, dayAgo, newAccountMinutes]
  )
  const r = rows[0]
  return {
    shared_ip_hashes: (r.shared_ip_hashes as string[]) ?? [],
    customers_at_address: Number(r.customers_at_address),
    coupon_orders: Number(r.coupon_orders),
    coupon_orders_without_touch: Number(r.coupon_orders_without_touch),
    clicks_last_day: Number(r.clicks_last_day),
    conversions_in_window: Number(r.conversions_in_window),
    orders_in_window: Number(r.orders_in_window),
    canceled_or_refunded: Number(r.canceled_or_refunded),
    orders_from_new_accounts: Number(r.orders_from_new_accounts),
  }
}
