// A promoter's month: the sales forecast at the current pace, and the probability of reaching a target by month end
// if orders keep arriving at the promoter's recent rate (Poisson) with their usual order value.

/** Month-end sales if the rest of the month goes like the part that has passed. */
export function monthEndPace({ soFar, elapsedDays, daysInMonth }: { soFar: number; elapsedDays: number; daysInMonth: number }): number {
  if (elapsedDays <= 0) return soFar
  return (soFar / Math.min(elapsedDays, daysInMonth)) * daysInMonth
}

/** P(N ≥ k) for N ~ Poisson(mean). */
export function poissonAtLeast(k: number, mean: number): number {
  if (k <= 0) return 1
  if (mean <= 0) return 0
  let term = Math.exp(-mean)
  let cdf = term
  for (let i = 1; i < k; i++) {
    term *= mean / i
    cdf += term
  }
  return Math.max(0, Math.min(1, 1 - cdf))
}

/**
 * P(reaching `target` by month end): the remaining amount needs ⌈(target − current) / order value⌉ more orders; the
 * number of orders in the remaining days is Poisson with the promoter's daily order rate.
 */
export function probabilityToReach({
  current,
  target,
  remainingDays,
  dailyOrderRate,
  averageOrderValue,
}: {
  current: number
  target: number
  remainingDays: number
  dailyOrderRate: number
  averageOrderValue: number
}): number {
  if (current >= target) return 1
  if (averageOrderValue <= 0 || dailyOrderRate <= 0 || remainingDays <= 0) return 0
  return poissonAtLeast(Math.ceil((target - current) / averageOrderValue), dailyOrderRate * remainingDays)
}

/**
 * The daily order rate to project with: this month's orders and the previous `lookbackDays` together, so a promoter
 * three days into the month is not judged on three days alone.
 */
export function blendedDailyRate({ ordersThisMonth, elapsedDays, ordersBefore, lookbackDays }: { ordersThisMonth: number; elapsedDays: number; ordersBefore: number; lookbackDays: number }): number {
  const days = Math.max(0, elapsedDays) + lookbackDays
  return days > 0 ? (ordersThisMonth + ordersBefore) / days : 0
}
