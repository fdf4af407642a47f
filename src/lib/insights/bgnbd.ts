// The BG/NBD purchase model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while active, a
// customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they become inactive with probability
// p ~ Beta(a, b). Fitted by maximum likelihood (Nelder–Mead over log-parameters) on each customer's recency,
// frequency and tenure. Time is in days.
import { nelderMead } from "./nelder-mead"
import { hyp2f1, logBeta, logGamma } from "./special"

/** x: repeat purchases (days with an order after the first); t_x: day of the last one; T: days since the first. */
export type Rft = { x: number; t_x: number; T: number }
export type BgNbdParams = { r: number; alpha: number; a: number; b: number }
export type BgNbdFit = { params: BgNbdParams; log_likelihood: number; customers: number; iterations: number }

const DAY = 86_400_000

/** A customer's recency, frequency and tenure as of a time, from their order dates (several orders a day count once). */
export function rftOf(orderDates: Date[], asOf: Date): Rft | null {
  const days = [...new Set(orderDates.filter((d) => d.getTime() <= asOf.getTime()).map((d) => Math.floor(d.getTime() / DAY)))].sort((a, b) => a - b)
  if (!days.length) return null
  const first = days[0]
  const T = Math.max(0, (asOf.getTime() - first * DAY) / DAY)
  return { x: days.length - 1, t_x: days[days.length - 1] - first, T }
}

/**
 * Σ log-likelihood over customers (FHL 2005, eq. 6); identical rows carry a weight. Terms that depend only on the
 * frequency are computed once per distinct frequency, so a fit over many customers costs a few logs per customer.
 */
export function logLikelihood({ r, alpha, a, b }: BgNbdParams, rows: { rft: Rft; weight: number }[]): number {
  const byX = new Map<number, { a12: number; logA4: number }>()
  const lgR = logGamma(r)
  const lbAB = logBeta(a, b)
  const logAlpha = Math.log(alpha)
  let sum = 0
  for (const { rft, weight } of rows) {
    const { x, t_x, T } = rft
    let k = byX.get(x)
    if (!k) {
      k = {
        a12: logGamma(r + x) - lgR + r * logAlpha + logBeta(a, b + x) - lbAB,
        logA4: x > 0 ? Math.log(a) - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY,
      }
      byX.set(x, k)
    }
    const a3 = -(r + x) * Math.log(alpha + T)
    if (x === 0) {
      sum += weight * (k.a12 + a3)
      continue
    }
    const a4 = k.logA4 - (r + x) * Math.log(alpha + t_x)
    const m = Math.max(a3, a4)
    sum += weight * (k.a12 + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m)))
  }
  return sum
}

function group(rows: Rft[]): { rft: Rft; weight: number }[] {
  const map = new Map<string, { rft: Rft; weight: number }>()
  for (const r of rows) {
    // Tenure rounded to a tenth of a day: groups customers who started on the same day without changing the fit.
    const rft = { x: r.x, t_x: r.t_x, T: Math.round(r.T * 10) / 10 }
    const key = `${rft.x}|${rft.t_x}|${rft.T}`
    const g = map.get(key)
    if (g) g.weight += 1
    else map.set(key, { rft, weight: 1 })
  }
  return [...map.values()]
}

const fromLog = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) })

/** Maximum likelihood over log-parameters, from two starting points; the better optimum wins. */
export function fitBgNbd(rows: Rft[]): BgNbdFit {
  if (rows.length < 10) throw new Error(`the purchase model needs at least 10 customers with orders, got ${rows.length}`)
  const grouped = group(rows)
  const meanT = rows.reduce((s, r) => s + r.T, 0) / rows.length
  const meanX = rows.reduce((s, r) => s + r.x, 0) / rows.length
  const objective = (v: number[]) => {
    if (v.some((x) => Math.abs(x) > 12)) return Number.POSITIVE_INFINITY
    return -logLikelihood(fromLog(v), grouped)
  }
  const starts = [
    [0, Math.log(Math.max(1, meanT / Math.max(meanX, 0.1))), 0, 0],
    [Math.log(0.3), Math.log(Math.max(1, meanT / 4)), Math.log(0.8), Math.log(3)],
  ]
  let best: ReturnType<typeof nelderMead> | null = null
  for (const start of starts) {
    let result = nelderMead(objective, start, { step: 0.7 })
    // A restart from the optimum escapes a collapsed simplex.
    result = nelderMead(objective, result.x, { step: 0.2 })
    if (!best || result.value < best.value) best = result
  }
  return { params: fromLog(best!.x), log_likelihood: -best!.value, customers: rows.length, iterations: best!.iterations }
}

/** P(still active) given the history. */
export function pAlive({ r, alpha, a, b }: BgNbdParams, { x, t_x, T }: Rft): number {
  if (x === 0) return 1
  return 1 / (1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + t_x), r + x))
}

/**
 * P(at least one order in the next t days): an active customer's next purchase comes at rate λ, whose posterior is
 * Gamma(r + x, α + T); a customer only drops out right after a purchase, so the first one is not affected.
 */
export function pOrderWithin(params: BgNbdParams, rft: Rft, t: number): number {
  const { r, alpha } = params
  const none = Math.pow((alpha + rft.T) / (alpha + rft.T + t), r + rft.x)
  return pAlive(params, rft) * (1 - none)
}

/** E[orders in the next t days | history] (FHL 2005, eq. 10). */
export function expectedOrders({ r, alpha, a, b }: BgNbdParams, { x, t_x, T }: Rft, t: number): number {
  const z = t / (alpha + T + t)
  const head = (a + b + x - 1) / (a - 1)
  const tail = 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z)
  const denom = x > 0 ? 1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + t_x), r + x) : 1
  // Valid for any a ≠ 1 (for a < 1 both factors are negative); at a = 1 exactly, nudge a.
  if (Math.abs(a - 1) < 1e-9) return expectedOrders({ r, alpha, a: 1 + 1e-6, b }, { x, t_x, T }, t)
  return (head * tail) / denom
}

/** Median days to the next order if the customer is still active (the Lomax median of the waiting time). */
export function medianDaysToNextOrder({ r, alpha }: BgNbdParams, { x, T }: Rft): number {
  return (alpha + T) * (Math.pow(2, 1 / (r + x)) - 1)
}

export type ChurnRisk = "low" | "medium" | "high"

/** The churn-risk band from the probability of ordering in the next 90 days. */
export function churnRisk(pOrder90d: number): ChurnRisk {
  return pOrder90d >= 0.5 ? "low" : pOrder90d >= 0.2 ? "medium" : "high"
}
