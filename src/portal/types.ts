// What the portal reads from the store API. Shapes the admin shows too come from src/admin/lib/types (one
// definition each); goals and tier progress are the insights code's own types; the rest only the portal reads.
import type { Coupon, Income, PromoterDetail, PromoterLink, Share, Stats } from "../admin/lib/types"
import type { Goal, GoalReward, TierProgress } from "../workflows/insights/utils/goals"

export type { Coupon, Goal, GoalReward, Income, PromoterDetail, Stats, TierProgress }

export type Measure = Goal["current"]
export type Granularity = Stats["range"]["granularity"]

/** GET /store/promoters/me/income: per period and currency, split by status now; totals are all time. */
export type IncomeOverTime = {
  range: Stats["range"]
  series: { period: string; currency_code: string; pending: string; approved: string; paid: string }[]
  totals: Income[]
}

/** GET /store/promoters/me/downline: counts only. */
export type Downline = { total: number; active: number; direct: number; levels: { level: number; total: number; active: number }[] }

/** The store API's answers, by what the portal asks. */
export type Responses = {
  token: { token: string }
  promoter: { promoter: PromoterDetail }
  customer: { customer: { email: string } }
  stats: { stats: Stats }
  income: { income: IncomeOverTime }
  goals: { goals: Goal[]; tier: TierProgress | null }
  links: { share: Share; links: PromoterLink[] }
  coupons: { coupons: Coupon[] }
  downline: { downline: Downline }
  invitation: { invitation: { to: string; link: string } }
  commissions: {
    balances: { currency_code: string; pending: string; approved: string; paid: string }[]
    payouts: { id: string; currency_code: string; status: string; paid_at: string | null; amount: string }[]
  }
  payoutMethod: { payout_method: { provider_id: string; details: Record<string, unknown>; secrets_set: string[] } | null; providers: string[] }
  payoutRequests: { payout_requests: { id: string; currency_code: string; status: string; created_at: string }[]; minimum_payout: Record<string, string> }
}
