// What followed each action: the subject's orders and revenue in the outcome window, the redemption of the coupons
// the rule issued and the discount they gave. Customers' orders and coupon redemptions come from the orders read
// model (src/read-models/orders.ts), promoters' sales from the plugin's own attribution ledger. One statement per kind
// of subject, for all open exposures at once; idempotent (it recomputes, never adds), so jobs, subscribers and
// reports may all call it.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { setBigNumberSql } from "../../../lib/raw-columns"
import { orderNotCanceledSql, PLACED_ORDERS, PROMOTION_REDEMPTIONS } from "../../../read-models/orders"

type Scope = { now: Date; ruleId?: string; subjectIds?: string[] }

function scopeSql({ ruleId, subjectIds }: Scope, params: (string | Date)[]): string {
  let sql = ""
  if (ruleId) {
    sql += " and e.rule_id = ?"
    params.push(ruleId)
  }
  if (subjectIds) {
    sql += " and e.subject_id = any(?::text[])"
    params.push(`{${subjectIds.map((s) => `"${s}"`).join(",")}}`)
  }
  return sql
}

export async function measureOutcomes(container: MedusaContainer, scope: Scope): Promise<{ customers: number; promoters: number; coupons: number }> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)

  // One statement per kind of subject: open exposures (targets), what followed them (followed), written back.
  const measure = (subjectType: "customer" | "promoter", followed: string) => {
    const params: (string | Date)[] = [scope.now, scope.now]
    const where = scopeSql(scope, params)
    params.push(scope.now, scope.now)
    return pg.raw(
      `with targets as (
         select e.id, e.subject_id, e.exposed_at, least(e.window_ends_at, ?::timestamptz) as until, e.trigger_order_id, e.currency_code
           from promoter_insight_exposure e
          where e.deleted_at is null and not e.final and e.subject_type = '${subjectType}' and e.exposed_at <= ?::timestamptz${where}
       ),
       followed as (${followed})
       update promoter_insight_exposure e
          set orders_count = coalesce(f.n, 0), ${setBigNumberSql("revenue", "coalesce(f.revenue, 0)")}, responded_at = f.first_at,
              measured_at = ?::timestamptz, final = e.window_ends_at <= ?::timestamptz, updated_at = now()
         from targets t left join followed f on f.id = t.id
        where e.id = t.id`,
      params
    )
  }
  // Customers: their own orders (not the one that triggered the rule).
  const customers = await measure(
    "customer",
    `select t.id, count(o.id)::int as n, min(o.created_at) as first_at,
            coalesce(sum(o.total) filter (where o.currency_code = t.currency_code), 0) as revenue
       from targets t
       join ${PLACED_ORDERS} o on o.customer_id = t.subject_id and o.created_at > t.exposed_at and o.created_at <= t.until
                              and o.id is distinct from t.trigger_order_id
      group by t.id`
  )
  // Promoters: the orders attributed to them, less the canceled ones.
  const promoters = await measure(
    "promoter",
    `select t.id, count(a.id)::int as n, min(a.placed_at) as first_at,
            coalesce(sum(a.order_total) filter (where a.currency_code = t.currency_code), 0) as revenue
       from targets t
       join promoter_order_attribution a on a.promoter_id = t.subject_id and a.deleted_at is null
                                        and a.placed_at > t.exposed_at and a.placed_at <= t.until
                                        and a.order_id is distinct from t.trigger_order_id
      where ${orderNotCanceledSql("a.order_id")}
      group by t.id`
  )

  // Coupons stay valid past the outcome window: their redemption and discount are followed for half a year.
  const kParams: (string | Date)[] = [scope.now, new Date(scope.now.getTime() - 183 * 86_400_000)]
  const kScope = scopeSql(scope, kParams)
  kParams.push(scope.now)
  const coupons = await pg.raw(
    `with targets as (
       select e.id, e.promotion_ids from promoter_insight_exposure e
        where e.deleted_at is null and e.promotion_ids is not null and cardinality(e.promotion_ids) > 0
          and e.exposed_at <= ?::timestamptz and e.exposed_at > ?::timestamptz${kScope}
     ),
     redeemed as (
       select t.id, min(r.created_at) as first_at, coalesce(sum(r.discount), 0) as discount
         from targets t
         join ${PROMOTION_REDEMPTIONS} r on r.promotion_id = any(t.promotion_ids) and r.created_at <= ?::timestamptz
        group by t.id
     )
     update promoter_insight_exposure e
        set redeemed_at = r.first_at, ${setBigNumberSql("discount_amount", "coalesce(r.discount, 0)")}, updated_at = now()
       from targets t left join redeemed r on r.id = t.id
      where e.id = t.id`,
    kParams
  )
  return { customers: customers.rowCount ?? 0, promoters: promoters.rowCount ?? 0, coupons: coupons.rowCount ?? 0 }
}
