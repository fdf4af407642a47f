// Suggestions computed from measurements, each with the evidence behind it: a rule whose actions make no
// measurable difference (or a negative one) against its control group, a condition threshold above which the
// action works and below which it does not, a variant that has clearly won. Pure: the Medusa side gathers the rows.
import type { Allocation } from "./bandit"
import { compareArms, MIN_PER_ARM, type ArmTotals, type Comparison } from "./uplift"

export type Suggestion = {
  kind: "no_uplift" | "negative_uplift" | "raise_threshold" | "variant_won"
  rule_id: string
  rule_name: string
  /** One sentence a store owner can act on. */
  message: string
  /** The figures the suggestion rests on. */
  evidence: Record<string, unknown>
}

export type RuleMeasurements = {
  rule_id: string
  rule_name: string
  comparison: Comparison | null
  cost_total: number
  currency_code: string
  variants: { allocation: Allocation[]; winner: string | null; response_rates: Record<string, number | null> } | null
  /** Per closed exposure: arm, response, revenue and cost, and the values of the threshold leaves it passed. */
  exposures: { arm: "treated" | "holdout"; responded: boolean; revenue: number; cost: number; values: (number | null)[] }[]
  /** The rule's threshold leaves (gte / gt / between on a number or money fact), in the order of `values`. */
  thresholds: { fact: string; operator: string; threshold: number; currency_code: string | null }[]
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`
const pp = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} pp`

function totals(rows: RuleMeasurements["exposures"], arm: "treated" | "holdout"): ArmTotals {
  const t: ArmTotals = { n: 0, responders: 0, revenue_sum: 0, revenue_sum_sq: 0 }
  for (const r of rows) {
    if (r.arm !== arm) continue
    t.n += 1
    t.responders += r.responded ? 1 : 0
    t.revenue_sum += r.revenue
    t.revenue_sum_sq += r.revenue * r.revenue
  }
  return t
}

function brief(c: Comparison) {
  return {
    treated: { n: c.treated.n, response_rate: c.treated.response_rate },
    holdout: { n: c.holdout.n, response_rate: c.holdout.response_rate },
    response_uplift: c.response_uplift,
    verdict: c.verdict,
  }
}

/** Sampling variance of a response-rate difference between two arms (unpooled). */
function differenceVariance(c: Comparison): number {
  const v = (a: Comparison["treated"]) => (a.n && a.response_rate !== null ? (a.response_rate * (1 - a.response_rate)) / a.n : 0)
  return v(c.treated) + v(c.holdout)
}

/**
 * The change point of a threshold: among cut points at the deciles of the values seen, the one where the uplift
 * above it exceeds the uplift below it by the most standard errors, provided the action measurably works above
 * (interval above zero) and makes no measurable difference below (interval reaching zero), each side with enough
 * subjects in both arms. Standardising matters: the raw gap favours cuts that leave few subjects above, where a
 * lucky handful inflates the estimate (a seeded simulation of a step at 150 on 400 subjects put the raw-gap choice
 * outside 120–180 in 25 % of runs, the standardised one in 14 %; see suggestions.unit.spec).
 */
export function thresholdSuggestion(m: RuleMeasurements, leafIndex: number): Suggestion | null {
  const leaf = m.thresholds[leafIndex]
  const rows = m.exposures.filter((e) => typeof e.values[leafIndex] === "number")
  if (rows.length < 4 * MIN_PER_ARM) return null
  const values = rows.map((r) => r.values[leafIndex] as number).sort((a, b) => a - b)
  const cuts = [...new Set([1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => values[Math.floor((d / 10) * values.length)]))].filter((c) => c > leaf.threshold)
  let best: { cut: number; below: Comparison; above: Comparison; score: number; belowCost: number } | null = null
  for (const cut of cuts) {
    const below = rows.filter((r) => (r.values[leafIndex] as number) < cut)
    const above = rows.filter((r) => (r.values[leafIndex] as number) >= cut)
    const b = compareArms(totals(below, "treated"), totals(below, "holdout"))
    const a = compareArms(totals(above, "treated"), totals(above, "holdout"))
    if (b.verdict === "not_enough_data" || a.verdict !== "positive" || b.verdict === "positive") continue
    const gap = a.response_uplift!.estimate - b.response_uplift!.estimate
    const score = gap / Math.sqrt(differenceVariance(a) + differenceVariance(b) || Number.EPSILON)
    if (!best || score > best.score) {
      best = { cut, below: b, above: a, score, belowCost: below.filter((r) => r.arm === "treated").reduce((s, r) => s + r.cost, 0) }
    }
  }
  if (!best) return null
  const unit = leaf.currency_code ? ` ${leaf.currency_code.toUpperCase()}` : ""
  return {
    kind: "raise_threshold",
    rule_id: m.rule_id,
    rule_name: m.rule_name,
    message:
      `"${m.rule_name}": raise ${leaf.fact} from ${leaf.threshold}${unit} to ${best.cut}${unit}. Below ${best.cut}${unit} the action made no ` +
      `measurable difference (${pp(best.below.response_uplift!.estimate)}, ${best.below.treated.n} treated / ${best.below.holdout.n} held out); ` +
      `from ${best.cut}${unit} it lifted the response by ${pp(best.above.response_uplift!.estimate)} (${best.above.treated.n} / ${best.above.holdout.n}).`,
    evidence: {
      fact: leaf.fact,
      operator: leaf.operator,
      current_threshold: leaf.threshold,
      suggested_threshold: best.cut,
      currency_code: leaf.currency_code,
      below: brief(best.below),
      above: brief(best.above),
      cost_below: { amount: best.belowCost.toFixed(2), currency_code: m.currency_code },
    },
  }
}

export function suggestionsFor(m: RuleMeasurements): Suggestion[] {
  const out: Suggestion[] = []
  const c = m.comparison
  if (c && c.verdict === "negative") {
    out.push({
      kind: "negative_uplift",
      rule_id: m.rule_id,
      rule_name: m.rule_name,
      message: `"${m.rule_name}" lowers the response rate: ${pct(c.treated.response_rate!)} treated against ${pct(c.holdout.response_rate!)} held out (${pp(c.response_uplift!.estimate)}, 95 % CI ${pp(c.response_uplift!.low)} to ${pp(c.response_uplift!.high)}). Pause it or change its actions.`,
      evidence: { ...brief(c), revenue_uplift: c.revenue_uplift, cost: { amount: m.cost_total.toFixed(2), currency_code: m.currency_code } },
    })
  }
  if (c && c.verdict === "no_measurable_difference") {
    out.push({
      kind: "no_uplift",
      rule_id: m.rule_id,
      rule_name: m.rule_name,
      message: `"${m.rule_name}" makes no measurable difference: ${pct(c.treated.response_rate!)} of ${c.treated.n} treated responded against ${pct(c.holdout.response_rate!)} of ${c.holdout.n} held out (95 % CI ${pp(c.response_uplift!.low)} to ${pp(c.response_uplift!.high)}), at a cost of ${m.cost_total.toFixed(2)} ${m.currency_code.toUpperCase()}. Change its actions or pause it.`,
      evidence: { ...brief(c), revenue_uplift: c.revenue_uplift, cost: { amount: m.cost_total.toFixed(2), currency_code: m.currency_code } },
    })
  }
  if (c && c.verdict !== "not_enough_data") {
    for (const i of m.thresholds.keys()) {
      const s = thresholdSuggestion(m, i)
      if (s) out.push(s)
    }
  }
  if (m.variants?.winner) {
    const w = m.variants.allocation.find((a) => a.name === m.variants!.winner)!
    const others = m.variants.allocation.filter((a) => a.name !== w.name)
    out.push({
      kind: "variant_won",
      rule_id: m.rule_id,
      rule_name: m.rule_name,
      message: `"${m.rule_name}": variant "${w.name}" has clearly won (P(best) ${pct(w.p_best)}: ${w.successes} of ${w.trials} responded, against ${others
        .map((o) => `"${o.name}" ${o.successes} of ${o.trials}`)
        .join(", ")}). Keep it as the only one.`,
      evidence: { winner: w.name, allocation: m.variants.allocation, response_rates: m.variants.response_rates },
    })
  }
  return out
}
