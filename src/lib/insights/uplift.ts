// Treated versus held out: the difference in response rate and in revenue per subject, each with a 95 % confidence
// interval, and a plain verdict that says when there is not yet enough data to tell.

/** Per-arm aggregates, as one SQL query can give them: count, responders, Σ revenue, Σ revenue². */
export type ArmTotals = { n: number; responders: number; revenue_sum: number; revenue_sum_sq: number }

export type Interval = { estimate: number; low: number; high: number }

export type Verdict = "not_enough_data" | "positive" | "negative" | "no_measurable_difference"

export type Comparison = {
  treated: ArmSummary
  holdout: ArmSummary
  /** Response rate, treated minus held out (absolute, 0.05 = five percentage points), Newcombe's hybrid score CI. */
  response_uplift: Interval | null
  /** Revenue per subject, treated minus held out, Welch's CI. */
  revenue_uplift: Interval | null
  verdict: Verdict
  /** Why the verdict is what it is, in words. */
  reason: string
}

export type ArmSummary = { n: number; responders: number; response_rate: number | null; revenue_per_subject: number | null; revenue_sd: number | null }

/** At least this many subjects in each arm before any uplift is claimed. */
export const MIN_PER_ARM = 30
const Z95 = 1.959963984540054

/** Wilson score interval for a proportion. */
export function wilson(successes: number, n: number, z = Z95): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 }
  const p = successes / n
  const denom = 1 + (z * z) / n
  const centre = (p + (z * z) / (2 * n)) / denom
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

/** Newcombe (1998) method 10: the difference of two proportions from their Wilson intervals. */
export function proportionDifference(a: { successes: number; n: number }, b: { successes: number; n: number }): Interval {
  const p1 = a.successes / a.n
  const p2 = b.successes / b.n
  const w1 = wilson(a.successes, a.n)
  const w2 = wilson(b.successes, b.n)
  const d = p1 - p2
  return {
    estimate: d,
    low: d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
    high: d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
  }
}

/** Two-sided 97.5 % quantile of Student's t (Cornish-Fisher expansion; exact enough from 3 degrees of freedom). */
export function tQuantile975(df: number): number {
  if (!Number.isFinite(df) || df > 1e6) return Z95
  const z = Z95
  const g1 = (z ** 3 + z) / 4
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384
  const g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4
}

/** Welch's difference of two means with its 95 % interval. */
export function meanDifference(a: { mean: number; variance: number; n: number }, b: { mean: number; variance: number; n: number }): Interval {
  const va = a.variance / a.n
  const vb = b.variance / b.n
  const se = Math.sqrt(va + vb)
  const d = a.mean - b.mean
  if (se === 0) return { estimate: d, low: d, high: d }
  const df = (va + vb) ** 2 / ((va * va) / Math.max(1, a.n - 1) + (vb * vb) / Math.max(1, b.n - 1))
  const t = tQuantile975(df)
  return { estimate: d, low: d - t * se, high: d + t * se }
}

function summarise(arm: ArmTotals): ArmSummary & { mean: number; variance: number } {
  const mean = arm.n ? arm.revenue_sum / arm.n : 0
  const variance = arm.n > 1 ? Math.max(0, (arm.revenue_sum_sq - arm.n * mean * mean) / (arm.n - 1)) : 0
  return {
    n: arm.n,
    responders: arm.responders,
    response_rate: arm.n ? arm.responders / arm.n : null,
    revenue_per_subject: arm.n ? mean : null,
    revenue_sd: arm.n > 1 ? Math.sqrt(variance) : null,
    mean,
    variance,
  }
}

/**
 * The verdict is about the response rate (the rule's direct aim); revenue is reported next to it. "Not enough data"
 * below MIN_PER_ARM subjects per arm or with no responder at all; otherwise the sign of the interval decides, and
 * an interval spanning zero is "no measurable difference", never a win.
 */
export function compareArms(treated: ArmTotals, holdout: ArmTotals): Comparison {
  const t = summarise(treated)
  const h = summarise(holdout)
  const strip = ({ mean: _m, variance: _v, ...s }: ReturnType<typeof summarise>): ArmSummary => s
  const base = { treated: strip(t), holdout: strip(h) }
  if (treated.n < MIN_PER_ARM || holdout.n < MIN_PER_ARM) {
    return {
      ...base,
      response_uplift: treated.n && holdout.n ? proportionDifference({ successes: treated.responders, n: treated.n }, { successes: holdout.responders, n: holdout.n }) : null,
      revenue_uplift: treated.n > 1 && holdout.n > 1 ? meanDifference({ ...t }, { ...h }) : null,
      verdict: "not_enough_data",
      reason: `not enough data yet: ${treated.n} treated and ${holdout.n} held-out subjects with a closed outcome window (at least ${MIN_PER_ARM} each are needed)`,
    }
  }
  const response = proportionDifference({ successes: treated.responders, n: treated.n }, { successes: holdout.responders, n: holdout.n })
  const revenue = meanDifference({ ...t }, { ...h })
  if (treated.responders + holdout.responders === 0) {
    return { ...base, response_uplift: response, revenue_uplift: revenue, verdict: "not_enough_data", reason: "no subject in either group has responded yet" }
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)} pp`
  const range = `${pct(response.estimate)} (95 % CI ${pct(response.low)} to ${pct(response.high)})`
  if (response.low > 0) return { ...base, response_uplift: response, revenue_uplift: revenue, verdict: "positive", reason: `response uplift ${range}` }
  if (response.high < 0) return { ...base, response_uplift: response, revenue_uplift: revenue, verdict: "negative", reason: `the rule lowers the response rate: ${range}` }
  return { ...base, response_uplift: response, revenue_uplift: revenue, verdict: "no_measurable_difference", reason: `no measurable uplift: ${range} spans zero` }
}
