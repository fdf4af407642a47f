// Validation of the purchase model on held-out history: fit on orders up to a cut-off, predict the next 30 and 90
// days, compare with what customers did, next to naive baselines scored the same way.
import { expectedOrders, fitBgNbd, pOrderWithin, rftOf, type BgNbdFit, type Rft } from "./bgnbd"

export type CustomerOrders = { id: string; orders: Date[] }
export type Score = { brier: number; log_loss: number; auc: number; mean_predicted: number }
export type HorizonReport = {
  days: number
  customers: number
  /** Share of customers who did order in the horizon. */
  actual_rate: number
  model: Score
  /** Each customer's own historical rate: P = 1 − exp(−orders / max(tenure, 30 days) · t). */
  baseline_own_rate: Score
  /** Everyone the same: the share of customers who ordered in the same length of time before the cut-off. */
  baseline_population: Score
  /** Expected number of orders in the horizon: mean absolute error per customer, model and own-rate baseline. */
  orders_mae: { model: number; baseline_own_rate: number }
}
export type Validation = { cutoff: string; fit: BgNbdFit; horizons: HorizonReport[]; beats_baseline: boolean }

const DAY = 86_400_000

export function brier(p: number[], y: number[]): number {
  return p.reduce((s, v, i) => s + (v - y[i]) ** 2, 0) / p.length
}

function logLoss(p: number[], y: number[]): number {
  const eps = 1e-6
  return -p.reduce((s, v, i) => {
    const q = Math.min(1 - eps, Math.max(eps, v))
    return s + (y[i] ? Math.log(q) : Math.log(1 - q))
  }, 0) / p.length
}

/** Area under the ROC curve (Mann–Whitney, ties counted half). */
export function auc(p: number[], y: number[]): number {
  const idx = p.map((v, i) => i).sort((a, b) => p[a] - p[b])
  let rankSum = 0
  let positives = 0
  for (let i = 0; i < idx.length; ) {
    let j = i
    while (j + 1 < idx.length && p[idx[j + 1]] === p[idx[i]]) j++
    const rank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) if (y[idx[k]]) {
      rankSum += rank
      positives += 1
    }
    i = j + 1
  }
  const negatives = p.length - positives
  if (!positives || !negatives) return 0.5
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}

function score(p: number[], y: number[]): Score {
  return { brier: brier(p, y), log_loss: logLoss(p, y), auc: auc(p, y), mean_predicted: p.reduce((s, v) => s + v, 0) / p.length }
}

/** Fits on history up to `cutoff` and scores predictions for `horizons` days after it (all must have passed). */
export function validateOnHoldout({ customers, cutoff, horizons = [30, 90] }: { customers: CustomerOrders[]; cutoff: Date; horizons?: number[] }): Validation {
  const rows: { rft: Rft; orders: Date[]; count: number }[] = []
  for (const c of customers) {
    const rft = rftOf(c.orders, cutoff)
    if (rft) rows.push({ rft, orders: c.orders, count: c.orders.filter((d) => d <= cutoff).length })
  }
  const fit = fitBgNbd(rows.map((r) => r.rft))
  const reports = horizons.map((days) => {
    const end = cutoff.getTime() + days * DAY
    const actualCounts = rows.map((r) => new Set(r.orders.filter((d) => d.getTime() > cutoff.getTime() && d.getTime() <= end).map((d) => Math.floor(d.getTime() / DAY))).size)
    const y = actualCounts.map((n) => (n > 0 ? 1 : 0))
    const model = rows.map((r) => pOrderWithin(fit.params, r.rft, days))
    const ownRate = rows.map((r) => r.count / Math.max(r.rft.T, 30))
    const own = ownRate.map((rate) => 1 - Math.exp(-rate * days))
    // The population rate: who ordered in the `days` before the cut-off, among customers who had started by then.
    const before = rows.filter((r) => r.rft.T >= days)
    const popRate = before.length
      ? before.filter((r) => r.orders.some((d) => d.getTime() > cutoff.getTime() - days * DAY && d.getTime() <= cutoff.getTime())).length / before.length
      : y.reduce((s: number, v) => s + v, 0) / y.length
    const population = rows.map(() => popRate)
    const modelCounts = rows.map((r) => expectedOrders(fit.params, r.rft, days))
    const ownCounts = ownRate.map((rate) => rate * days)
    const mae = (pred: number[]) => pred.reduce((s, v, i) => s + Math.abs(v - actualCounts[i]), 0) / pred.length
    return {
      days,
      customers: rows.length,
      actual_rate: y.reduce((s: number, v) => s + v, 0) / y.length,
      model: score(model, y),
      baseline_own_rate: score(own, y),
      baseline_population: score(population, y),
      orders_mae: { model: mae(modelCounts), baseline_own_rate: mae(ownCounts) },
    }
  })
  const beats = reports.every((h) => h.model.brier < h.baseline_own_rate.brier && h.model.brier < h.baseline_population.brier)
  return { cutoff: cutoff.toISOString(), fit, horizons: reports, beats_baseline: beats }
}
