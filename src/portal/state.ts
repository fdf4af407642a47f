import type { IncomeOverTime, PromoterDetail, Stats } from "./types"

export const RANGES = [7, 30, 90] as const
export type RangeDays = (typeof RANGES)[number]
export type Metric = "clicks" | "conversions" | "income"

/** The dashboard's choices and what it last loaded; one per page. */
export type DashboardState = { range: RangeDays; metric: Metric; me: PromoterDetail | null; stats: Stats | null; income: IncomeOverTime | null }

const initial = (): DashboardState => ({ range: 30, metric: "clicks", me: null, stats: null, income: null })

export const state: DashboardState = initial()

export function resetState(): void {
  Object.assign(state, initial())
}
