// The chart's numbers, apart from drawing: which periods a range has, how high the axis goes, which currency the
// income chart shows, and the stacked values of each bar. No DOM here.
import type { Metric } from "./state"
import type { Granularity, IncomeOverTime, Stats } from "./types"

export type StackPart = { key: "paid" | "approved" | "pending" | "value"; value: number }

/** The first day (YYYY-MM-DD) of every period from `from` to `to`; weeks start on Monday. */
export function periodsBetween(from: string, to: string, granularity: Granularity): string[] {
  const end = new Date(`${to}T00:00:00Z`)
  const cur = new Date(`${from}T00:00:00Z`)
  if (granularity === "week") cur.setUTCDate(cur.getUTCDate() - ((cur.getUTCDay() + 6) % 7))
  if (granularity === "month") cur.setUTCDate(1)
  const out: string[] = []
  while (cur <= end && out.length < 400) {
    out.push(cur.toISOString().slice(0, 10))
    if (granularity === "day") cur.setUTCDate(cur.getUTCDate() + 1)
    else if (granularity === "week") cur.setUTCDate(cur.getUTCDate() + 7)
    else cur.setUTCMonth(cur.getUTCMonth() + 1)
  }
  return out
}

/** The top of the axis: the smallest 1, 2, 2.5, 5 or 10 × a power of ten at or above `value`. */
export function niceMax(value: number): number {
  if (value <= 0) return 1
  const power = Math.pow(10, Math.floor(Math.log10(value)))
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power
  return 10 * power
}

/** The currency the income chart shows: the one with the most income in the range (null: no income at all). */
export function mainCurrency(income: IncomeOverTime | null): string | null {
  const totals = income?.totals ?? []
  const series = income?.series ?? []
  const codes = [...new Set([...totals.map((t) => t.currency_code), ...series.map((s) => s.currency_code)])]
  if (!codes.length) return null
  const sum = (code: string) => series.filter((s) => s.currency_code === code).reduce((n, s) => n + Number(s.pending) + Number(s.approved) + Number(s.paid), 0)
  return codes.sort((a, b) => sum(b) - sum(a))[0]
}

/** Each period's bar: paid, approved and pending income of `currency`, or one value (clicks or orders). */
export function stacks({ periods, metric, stats, income, currency }: { periods: string[]; metric: Metric; stats: Stats; income: IncomeOverTime | null; currency: string | null }): StackPart[][] {
  const byPeriod = new Map<string, StackPart[]>()
  if (metric === "income") {
    for (const s of income?.series ?? []) {
      if (s.currency_code !== currency) continue
      byPeriod.set(s.period, [
        { key: "paid", value: Number(s.paid) },
        { key: "approved", value: Number(s.approved) },
        { key: "pending", value: Number(s.pending) },
      ])
    }
  } else {
    for (const s of stats.series) byPeriod.set(s.period, [{ key: "value", value: metric === "clicks" ? s.clicks : s.conversions }])
  }
  return periods.map((p) => byPeriod.get(p) ?? [])
}
