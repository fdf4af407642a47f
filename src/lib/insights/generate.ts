// Seeded histories for tests and benchmarks: customers who buy and lapse the way the purchase model assumes
// (Poisson purchases at a Gamma-distributed rate, dropping out after a purchase with a Beta-distributed chance), with
// order values, and responses to actions with a known true effect. Same seed, same history.
import { createRandom, type Random } from "./random"

export type GeneratedOrder = { at: Date; amount: number }
export type GeneratedCustomer = { key: string; joined: Date; orders: GeneratedOrder[] }

const DAY = 86_400_000

export type HistoryShape = {
  seed: string
  customers: number
  /** Customers make their first order between `start` and `end`; purchases are simulated up to `end`. */
  start: Date
  end: Date
  /** True purchase-process parameters (days): λ ~ Gamma(r, 1/alpha), dropout p ~ Beta(a, b). */
  r?: number
  alpha?: number
  a?: number
  b?: number
  /** Order values: log-normal with this median (main currency unit) and spread. */
  medianOrderValue?: number
  orderValueSpread?: number
}

function orderValue(random: Random, median: number, spread: number): number {
  return Math.max(1, Math.round(median * Math.exp(spread * random.normal())))
}

export function generateHistory({
  seed,
  customers,
  start,
  end,
  r = 0.8,
  alpha = 60,
  a = 0.9,
  b = 3,
  medianOrderValue = 60,
  orderValueSpread = 0.5,
}: HistoryShape): GeneratedCustomer[] {
  const random = createRandom(`history:${seed}`)
  const span = end.getTime() - start.getTime()
  const out: GeneratedCustomer[] = []
  for (let i = 0; i < customers; i++) {
    // Start times skewed to the earlier part of the range, so most customers have a history worth modelling.
    const joined = new Date(start.getTime() + Math.floor(span * Math.pow(random.next(), 1.5)))
    const lambda = random.gamma(r, 1 / alpha)
    const p = random.beta(a, b)
    const orders: GeneratedOrder[] = [{ at: joined, amount: orderValue(random, medianOrderValue, orderValueSpread) }]
    let t = joined.getTime()
    // As the model has it: the first order starts the customer; after each repeat order they may drop out.
    for (;;) {
      t += random.exponential(lambda) * DAY
      if (t > end.getTime()) break
      orders.push({ at: new Date(t), amount: orderValue(random, medianOrderValue, orderValueSpread) })
      if (random.next() < p) break
    }
    out.push({ key: `${seed}-${i}`, joined, orders })
  }
  return out
}

/**
 * A subject's response to an action: with probability `probability` an order within `windowDays` of `at` (never in
 * its first hour), worth a draw from the order-value distribution; null otherwise.
 */
export function simulateResponse({
  random,
  at,
  probability,
  windowDays,
  medianOrderValue = 60,
  orderValueSpread = 0.5,
}: {
  random: Random
  at: Date
  probability: number
  windowDays: number
  medianOrderValue?: number
  orderValueSpread?: number
}): GeneratedOrder | null {
  if (random.next() >= probability) return null
  const offset = 3_600_000 + random.next() * (windowDays * DAY - 2 * 3_600_000)
  return { at: new Date(at.getTime() + offset), amount: orderValue(random, medianOrderValue, orderValueSpread) }
}
