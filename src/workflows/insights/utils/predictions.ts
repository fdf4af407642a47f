// Predictions as facts: the purchase model fitted on the store's order history (every customer's recency,
// frequency and tenure, from the orders read model), validated on held-out history, and stored per customer;
// promoters' month forecasts next to them. Run by the daily job and by POST /admin/automation/predictions/fit.
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  churnRisk,
  expectedOrders,
  fitBgNbd,
  medianDaysToNextOrder,
  pAlive,
  pOrderWithin,
  rftOf,
  validateOnHoldout,
  type BgNbdFit,
  type Validation,
} from "../../../lib/insights"
import { toJsonColumn } from "../../../lib/casts"
import { INSIGHTS_MODULE } from "../../../modules/insights"
import type InsightsModuleService from "../../../modules/insights/service"
import type { PredictionRow } from "../../../modules/insights/service"
import { customerOrderDates } from "../../../read-models/orders"
import { promoterPredictions } from "./promoter-forecast"
import { clock } from "../../../lib/clock"

const DAY = 86_400_000
/** The last 90 days are held out to validate a fit made on the history before them. */
const HOLDOUT_DAYS = 90
const MIN_CUSTOMERS = 30

export type FitResult = {
  fit_id: string | null
  fitted: boolean
  reason: string | null
  as_of: string
  customers: number
  orders: number
  params: BgNbdFit["params"] | null
  log_likelihood: number | null
  validation: Validation | { skipped: string }
  predictions: { customers: number; promoters: number }
  duration_ms: number
}

export async function fitPredictions(container: MedusaContainer, { now }: { now: Date }): Promise<FitResult> {
  const started = clock.elapsedMs()
  const insights = container.resolve<InsightsModuleService>(INSIGHTS_MODULE)
  const history = await customerOrderDates(container, { asOf: now })
  const customers = [...history].map(([id, orders]) => ({ id, orders }))
  const orders = customers.reduce((s, c) => s + c.orders.length, 0)
  const base = { as_of: now.toISOString(), customers: customers.length, orders }

  const cutoff = new Date(now.getTime() - HOLDOUT_DAYS * DAY)
  const before = customers.filter((c) => c.orders[0] <= cutoff).length
  let validation: Validation | { skipped: string }
  try {
    validation =
      before >= MIN_CUSTOMERS
        ? validateOnHoldout({ customers, cutoff, horizons: [30, 90] })
        : { skipped: `${before} customers ordered before ${cutoff.toISOString().slice(0, 10)}; at least ${MIN_CUSTOMERS} are needed to validate on the last ${HOLDOUT_DAYS} days` }
  } catch (error) {
    validation = { skipped: (error as Error).message }
  }

  const rows = customers.map((c) => ({ id: c.id, rft: rftOf(c.orders, now)! }))
  if (rows.length < MIN_CUSTOMERS) {
    const promoters = await promoterPredictions(container, { now, fitId: null })
    await insights.savePredictions(promoters)
    return {
      ...base,
      fit_id: null,
      fitted: false,
      reason: `${rows.length} customers with orders; the purchase model needs at least ${MIN_CUSTOMERS}`,
      params: null,
      log_likelihood: null,
      validation,
      predictions: { customers: 0, promoters: promoters.length },
      duration_ms: Math.round(clock.elapsedMs() - started),
    }
  }
  const fit = fitBgNbd(rows.map((r) => r.rft))
  const [saved] = await insights.createInsightModelFits([
    {
      kind: "bgnbd",
      fitted_at: clock.wall(),
      as_of: now,
      customers: rows.length,
      orders,
      params: toJsonColumn({ ...fit.params, log_likelihood: fit.log_likelihood, iterations: fit.iterations, unit: "days" }),
      validation: toJsonColumn(validation),
      duration_ms: 0,
    },
  ])
  const predictions: PredictionRow[] = rows.map(({ id, rft }) => {
    const p90 = pOrderWithin(fit.params, rft, 90)
    const days = medianDaysToNextOrder(fit.params, rft)
    return {
      subject_type: "customer",
      subject_id: id,
      fit_id: saved.id,
      predicted_at: now,
      p_order_30d: pOrderWithin(fit.params, rft, 30),
      p_order_90d: p90,
      p_alive: pAlive(fit.params, rft),
      expected_orders_90d: expectedOrders(fit.params, rft, 90),
      days_to_next_order: days,
      next_order_at: Number.isFinite(days) ? new Date(now.getTime() + days * DAY) : null,
      churn_risk: churnRisk(p90),
      frequency: rft.x,
      recency_days: rft.t_x,
      tenure_days: rft.T,
    }
  })
  const promoters = await promoterPredictions(container, { now, fitId: saved.id })
  await insights.savePredictions([...predictions, ...promoters])
  const duration = Math.round(clock.elapsedMs() - started)
  await insights.updateInsightModelFits({ id: saved.id, duration_ms: duration })
  return {
    ...base,
    fit_id: saved.id,
    fitted: true,
    reason: null,
    params: fit.params,
    log_likelihood: fit.log_likelihood,
    validation,
    predictions: { customers: predictions.length, promoters: promoters.length },
    duration_ms: duration,
  }
}
