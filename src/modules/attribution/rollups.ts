// The daily rollup the dashboards read: one row per (promoter, day in the store's time zone, channel, currency),
// added to as touches and attributed orders are written, in the same transaction.
import { generateEntityId } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { rawNumberSql } from "../../lib/raw-columns"
import { dayInZone } from "../../lib/time"
import type { NewTouch } from "./touches"

export type StatCounts = {
  clicks?: number
  unique_clicks?: number
  invitations?: number
  conversions?: number
  revenue?: string
}

export type DailyStatDelta = { promoter_id: string; day: string; channel: string; currency_code: string } & StatCounts

/** What a batch of touches adds to the rollup: clicks, unique clicks and invitations per promoter, day and channel. */
export function touchRollups(rows: (NewTouch & { is_unique: boolean })[], timeZone: string): DailyStatDelta[] {
  const counts = new Map<string, DailyStatDelta & Required<Omit<StatCounts, "revenue">>>()
  for (const r of rows) {
    const day = dayInZone(r.occurred_at, timeZone)
    const key = `${r.promoter_id}|${day}|${r.channel}`
    const c = counts.get(key) ?? { promoter_id: r.promoter_id, day, channel: r.channel, currency_code: "", clicks: 0, unique_clicks: 0, invitations: 0, conversions: 0 }
    if (r.source === "invitation") c.invitations += 1
    else {
      c.clicks += 1
      if (r.is_unique) c.unique_clicks += 1
    }
    counts.set(key, c)
  }
  return [...counts.values()]
}

/** Adds to one rollup row (promoter, day, channel, currency), creating it on first use. */
export async function bumpDailyStat(manager: SqlEntityManager, c: DailyStatDelta): Promise<void> {
  const revenue = c.revenue ?? "0"
  await manager.execute(
    `insert into promoter_daily_stat
       (id, promoter_id, day, channel, currency_code, clicks, unique_clicks, invitations, conversions, revenue, raw_revenue)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, ${rawNumberSql("?::text")})
     on conflict (promoter_id, day, channel, currency_code) where deleted_at is null do update set
       clicks = promoter_daily_stat.clicks + excluded.clicks,
       unique_clicks = promoter_daily_stat.unique_clicks + excluded.unique_clicks,
       invitations = promoter_daily_stat.invitations + excluded.invitations,
       conversions = promoter_daily_stat.conversions + excluded.conversions,
       revenue = promoter_daily_stat.revenue + excluded.revenue,
       raw_revenue = ${rawNumberSql("promoter_daily_stat.revenue + excluded.revenue")},
       updated_at = now()`,
    [
      generateEntityId(undefined, "pds"),
      c.promoter_id,
      c.day,
      c.channel,
      c.currency_code,
      c.clicks ?? 0,
      c.unique_clicks ?? 0,
      c.invitations ?? 0,
      c.conversions ?? 0,
      revenue,
      revenue,
    ]
  )
}
