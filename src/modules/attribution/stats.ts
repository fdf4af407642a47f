// Dashboard figures, read from the daily rollup: a few rows per day whatever the number of touches.
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { dayInZone } from "../../lib/time"

export type PromoterStats = {
  range: { from: string; to: string; granularity: "day" | "week" | "month" }
  totals: { clicks: number; unique_clicks: number; invitations: number; conversions: number; conversion_rate: number | null }
  revenue: { currency_code: string; amount: string }[]
  by_channel: { channel: string; clicks: number; unique_clicks: number; conversions: number }[]
  series: {
    period: string
    clicks: number
    unique_clicks: number
    invitations: number
    conversions: number
    revenue: { currency_code: string; amount: string }[]
    /** Clicks and conversions of the period per channel (web, qr, social…). */
    by_channel?: Record<string, { clicks: number; conversions: number }>
  }[]
}

export type PromoterTotals = { clicks: number; conversions: number; revenue: { currency_code: string; amount: string }[] }

type StatRow = {
  key: string
  currency_code: string
  clicks: string
  unique_clicks: string
  invitations: string
  conversions: string
  revenue: string
}

/** A promoter's dashboard numbers for a date range (days in the store's time zone). */
export async function promoterStats(
  manager: SqlEntityManager,
  { promoterId, from, to, granularity, timeZone }: { promoterId: string; from: Date; to: Date; granularity: "day" | "week" | "month"; timeZone: string }
): Promise<PromoterStats> {
  const fromDay = dayInZone(from, timeZone)
  const toDay = dayInZone(to, timeZone)
  const aggregate = (key: string) =>
    manager.execute(
      `select ${key} as key, currency_code, sum(clicks)::text as clicks, sum(unique_clicks)::text as unique_clicks,
              sum(invitations)::text as invitations, sum(conversions)::text as conversions, trim_scale(sum(revenue))::text as revenue
         from promoter_daily_stat
        where promoter_id = ? and day >= ? and day <= ? and deleted_at is null
        group by 1, 2 order by 1, 2`,
      [promoterId, fromDay, toDay]
    ) as Promise<StatRow[]>
  const periodKey = `to_char(date_trunc('${granularity}', day::date), 'YYYY-MM-DD')`
  const [overall, byChannel, series, seriesByChannel] = await Promise.all([
    aggregate("''"),
    aggregate("channel"),
    aggregate(periodKey),
    aggregate(`${periodKey} || '|' || channel`),
  ])
  const n = (v: string) => Number(v)
  const totals = { clicks: 0, unique_clicks: 0, invitations: 0, conversions: 0 }
  const channels = new Map<string, { channel: string; clicks: number; unique_clicks: number; conversions: number }>()
  for (const r of byChannel) {
    totals.clicks += n(r.clicks)
    totals.unique_clicks += n(r.unique_clicks)
    totals.invitations += n(r.invitations)
    totals.conversions += n(r.conversions)
    const c = channels.get(r.key) ?? { channel: r.key, clicks: 0, unique_clicks: 0, conversions: 0 }
    c.clicks += n(r.clicks)
    c.unique_clicks += n(r.unique_clicks)
    c.conversions += n(r.conversions)
    channels.set(r.key, c)
  }
  const periods = new Map<string, PromoterStats["series"][number]>()
  for (const r of series) {
    const p = periods.get(r.key) ?? { period: r.key, clicks: 0, unique_clicks: 0, invitations: 0, conversions: 0, revenue: [] }
    p.clicks += n(r.clicks)
    p.unique_clicks += n(r.unique_clicks)
    p.invitations += n(r.invitations)
    p.conversions += n(r.conversions)
    if (r.currency_code) p.revenue.push({ currency_code: r.currency_code, amount: r.revenue })
    periods.set(r.key, p)
  }
  for (const r of seriesByChannel) {
    const [period, channel] = r.key.split("|")
    const p = periods.get(period)
    if (!p) continue
    const c = (p.by_channel ??= {})[channel] ?? { clicks: 0, conversions: 0 }
    c.clicks += n(r.clicks)
    c.conversions += n(r.conversions)
    p.by_channel[channel] = c
  }
  return {
    range: { from: fromDay, to: toDay, granularity },
    totals: {
      ...totals,
      conversion_rate: totals.unique_clicks ? Math.round((totals.conversions / totals.unique_clicks) * 10000) / 10000 : null,
    },
    revenue: overall.filter((r) => r.currency_code).map((r) => ({ currency_code: r.currency_code, amount: r.revenue })),
    by_channel: [...channels.values()],
    series: [...periods.values()],
  }
}

/** All-time clicks, conversions and attributed revenue of several promoters (the admin's promoter table). */
export async function promoterTotals(manager: SqlEntityManager, promoterIds: string[]): Promise<Map<string, PromoterTotals>> {
  const totals = new Map<string, PromoterTotals>()
  if (!promoterIds.length) return totals
  const rows: { promoter_id: string; currency_code: string | null; clicks: string; conversions: string; revenue: string | null }[] =
    await manager.execute(
      `select promoter_id, currency_code, sum(clicks)::text as clicks, sum(conversions)::text as conversions,
              trim_scale(sum(revenue))::text as revenue
         from promoter_daily_stat where promoter_id = any(?::text[]) and deleted_at is null
        group by 1, 2`,
      [`{${promoterIds.join(",")}}`]
    )
  for (const r of rows) {
    const t = totals.get(r.promoter_id) ?? { clicks: 0, conversions: 0, revenue: [] }
    t.clicks += Number(r.clicks)
    t.conversions += Number(r.conversions)
    if (r.currency_code && r.revenue) t.revenue.push({ currency_code: r.currency_code, amount: r.revenue })
    totals.set(r.promoter_id, t)
  }
  return totals
}
