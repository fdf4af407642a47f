// Promoters' month: sales so far and the month-end forecast at the current pace, the chance of reaching the
// nearest open sales goal of the store's rules and the next tier's personal volume, with the figures behind them.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { promoterGoals, tierProgress } from "./goals"
import { blendedDailyRate, monthEndPace, poissonAtLeast, probabilityToReach } from "../../../lib/insights"
import { windowRange } from "../../../lib/rules-engine"
import { orderNotCanceledSql } from "../../../read-models/orders"
import { INSIGHTS_MODULE } from "../../../modules/insights"
import type InsightsModuleService from "../../../modules/insights/service"
import type { PredictionRow } from "../../../modules/insights/service"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"

const DAY = 86_400_000
const LOOKBACK_DAYS = 90

type Sales = { promoter_id: string; n_month: number; sum_month: string; n_before: number; sum_before: string }

const round2 = (n: number) => (Math.round(n * 100) / 100).toFixed(2).replace(/\.00$/, "")

export async function promoterPredictions(container: MedusaContainer, { now, fitId }: { now: Date; fitId: string | null }): Promise<PredictionRow[]> {
  const insights = container.resolve<InsightsModuleService>(INSIGHTS_MODULE)
  const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { storeTimezone, insights: options } = insights.getOptions()
  const currency = options.currencyCode
  const month = windowRange({ type: "calendar", unit: "month", offset: 0 }, { now, timeZone: storeTimezone, seasons: [] })
  const daysInMonth = (month.end.getTime() - month.start.getTime()) / DAY
  const elapsedDays = (now.getTime() - month.start.getTime()) / DAY
  const remainingDays = Math.max(0, daysInMonth - elapsedDays)
  const { rows } = await pg.raw(
    `select a.promoter_id,
            (count(*) filter (where a.placed_at >= ?))::int as n_month,
            coalesce(sum(a.order_total) filter (where a.placed_at >= ? and a.currency_code = ?), 0)::text as sum_month,
            (count(*) filter (where a.placed_at < ?))::int as n_before,
            coalesce(sum(a.order_total) filter (where a.placed_at < ? and a.currency_code = ?), 0)::text as sum_before
       from promoter_order_attribution a
      where a.deleted_at is null and a.promoter_id is not null and a.placed_at > ? and a.placed_at <= ?
        and ${orderNotCanceledSql("a.order_id")}
      group by a.promoter_id`,
    [month.start, month.start, currency, month.start, month.start, currency, new Date(month.start.getTime() - LOOKBACK_DAYS * DAY), now]
  )
  const sales = new Map((rows as Sales[]).map((r) => [r.promoter_id, r]))
  const active = await promoters.listPromoters({ status: "active" }, { select: ["id"], take: 100000 })
  const out: PredictionRow[] = []
  for (const { id } of active) {
    const s = sales.get(id) ?? { promoter_id: id, n_month: 0, sum_month: "0", n_before: 0, sum_before: "0" }
    const soFar = Number(s.sum_month)
    const rate = blendedDailyRate({ ordersThisMonth: s.n_month, elapsedDays, ordersBefore: s.n_before, lookbackDays: LOOKBACK_DAYS })
    const orders = s.n_month + s.n_before
    const aov = orders ? (Number(s.sum_month) + Number(s.sum_before)) / orders : 0
    const forecast = monthEndPace({ soFar, elapsedDays, daysInMonth })

    // The nearest open goal: sales amount or count, not reached yet, in a period that ends.
    const goals = (await promoterGoals(container, id)).filter(
      (g) => !g.achieved && g.period.ends_at && (g.metric === "sales_amount" || g.metric === "sales_count")
    )
    goals.sort((a, b) => b.progress - a.progress)
    const goal = goals[0] ?? null
    let pGoal: number | null = null
    if (goal) {
      const left = Math.max(0, (new Date(goal.period.ends_at!).getTime() - now.getTime()) / DAY)
      if (goal.metric === "sales_count") {
        pGoal = poissonAtLeast((goal.target as number) - (goal.current as number) + (goal.operator === "gt" ? 1 : 0), rate * left)
      } else {
        const current = Number((goal.current as { amount: string }).amount)
        const target = Number((goal.target as { amount: string }).amount) + (goal.operator === "gt" ? 0.01 : 0)
        pGoal = probabilityToReach({ current, target, remainingDays: left, dailyOrderRate: rate, averageOrderValue: aov })
      }
    }
    // The next tier's personal volume this month.
    const tier = await tierProgress(container, id)
    const volume = tier?.next?.criteria.find((c) => c.kind === "personal_volume") ?? null
    let pTier: number | null = null
    if (volume) {
      const current = Number((volume.current as { amount: string }).amount)
      const target = Number((volume.target as { amount: string }).amount)
      pTier = probabilityToReach({ current, target, remainingDays, dailyOrderRate: rate, averageOrderValue: aov })
    }
    out.push({
      subject_type: "promoter",
      subject_id: id,
      fit_id: fitId,
      predicted_at: now,
      currency_code: currency,
      month_sales: round2(soFar),
      month_sales_forecast: round2(forecast),
      p_next_goal: pGoal,
      p_next_tier: pTier,
      details: {
        month: { starts_at: month.start.toISOString(), ends_at: month.end.toISOString(), elapsed_days: round2(elapsedDays), days: daysInMonth },
        orders_this_month: s.n_month,
        orders_previous_90_days: s.n_before,
        daily_order_rate: rate,
        average_order_value: round2(aov),
        goal: goal
          ? { rule_id: goal.rule_id, name: goal.name, metric: goal.metric, current: goal.current, target: goal.target, ends_at: goal.period.ends_at, progress: goal.progress }
          : null,
        tier: volume && tier?.next ? { name: tier.next.name, personal_volume: volume.current, target: volume.target } : null,
      },
    })
  }
  return out
}
