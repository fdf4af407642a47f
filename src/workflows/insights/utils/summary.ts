// The store's periodic summary: what each rule did, cost and returned against its control group, the promoters
// close to a goal, and suggestions with their evidence. Built from the same reports as GET .../report; phrased by
// the registered summary writer (deterministic text by default); stored once per period and sent as a notification.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { suggestionsFor, writeSummary, type RuleMeasurements, type Suggestion, type SummaryFigures } from "../../../lib/insights"
import { getFact, validateRule, type Condition, type Leaf, type Rule } from "../../../lib/rules-engine"
import { toJsonColumn } from "../../../lib/casts"
import { AUTOMATION_MODULE } from "../../../modules/automation"
import type AutomationModuleService from "../../../modules/automation/service"
import { INSIGHTS_MODULE } from "../../../modules/insights"
import type InsightsModuleService from "../../../modules/insights/service"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { ruleReport, type RuleReport } from "./report"
import { clock } from "../../../lib/clock"

const DAY = 86_400_000

export type Insights = { figures: SummaryFigures; suggestions: Suggestion[]; text: string; writer: string; reports: RuleReport[] }

type ThresholdLeaf = Leaf & { threshold: number; currency_code: string | null }

/** Threshold leaves of a rule's conditions: gte / gt / between on a number or money fact. */
function thresholdLeaves(rule: Rule): ThresholdLeaf[] {
  const out: ThresholdLeaf[] = []
  const walk = (c: Condition) => {
    if ("all" in c) return c.all.forEach(walk)
    if ("any" in c) return c.any.forEach(walk)
    if ("not" in c) return
    const type = getFact(c.fact)?.type
    if ((type !== "number" && type !== "money") || !["gte", "gt", "between"].includes(c.operator)) return
    const low = c.operator === "between" && Array.isArray(c.value) ? c.value[0] : c.value
    const amount = low && typeof low === "object" && "amount" in low ? Number(low.amount) : typeof low === "number" ? low : NaN
    if (!Number.isFinite(amount)) return
    out.push({ ...c, threshold: amount, currency_code: low && typeof low === "object" && "currency_code" in low ? low.currency_code : null })
  }
  if (rule.conditions) walk(rule.conditions)
  return out
}

const numeric = (v: unknown): number | null =>
  typeof v === "number" ? v : v && typeof v === "object" && "amount" in v ? Number((v as { amount: unknown }).amount) : null

async function measurementsOf(container: MedusaContainer, report: RuleReport, rule: Rule | null, range: { from: Date; to: Date }): Promise<RuleMeasurements> {
  const leaves = rule ? thresholdLeaves(rule) : []
  let exposures: RuleMeasurements["exposures"] = []
  if (leaves.length && report.control.holdout.n > 0) {
    const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const { rows } = await pg.raw(
      `select arm, responded_at is not null as responded, revenue::float8 as revenue, (discount_amount + bonus_amount)::float8 as cost, condition_values
         from promoter_insight_exposure where rule_id = ? and final and deleted_at is null and exposed_at between ? and ?
        order by exposed_at desc limit 50000`,
      [report.rule.id, range.from, range.to]
    )
    exposures = (rows as { arm: "treated" | "holdout"; responded: boolean; revenue: number; cost: number; condition_values: { fact: string; operator: string; expected?: unknown; actual: unknown }[] | null }[]).map((r) => ({
      arm: r.arm,
      responded: r.responded,
      revenue: r.revenue,
      cost: r.cost,
      values: leaves.map((l) => {
        const seen = (r.condition_values ?? []).find((v) => v.fact === l.fact && v.operator === l.operator && JSON.stringify(v.expected) === JSON.stringify(l.value))
        return seen ? numeric(seen.actual) : null
      }),
    }))
  }
  return {
    rule_id: report.rule.id,
    rule_name: report.rule.name,
    comparison: report.control.holdout.n > 0 || report.rule.holdout_share > 0 ? report.control : null,
    cost_total: Number(report.cost.total.amount),
    currency_code: report.cost.total.currency_code,
    variants: report.variants
      ? { allocation: report.variants.allocation, winner: report.variants.winner, response_rates: Object.fromEntries(report.variants.arms.map((a) => [a.name, a.response_rate])) }
      : null,
    exposures,
    thresholds: leaves.map((l) => ({ fact: l.fact, operator: l.operator, threshold: l.threshold, currency_code: l.currency_code })),
  }
}

/** The period a summary made now covers: the last `summaryPeriodDays` on the plugin's clock. */
export function summaryRange(container: MedusaContainer): { from: Date; to: Date } {
  const now = clock.now()
  const days = container.resolve<InsightsModuleService>(INSIGHTS_MODULE).getOptions().insights.summaryPeriodDays
  return { from: new Date(now.getTime() - days * DAY), to: now }
}

export async function buildInsights(container: MedusaContainer, { from, to }: { from?: Date; to?: Date } = {}): Promise<Insights> {
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const insights = container.resolve<InsightsModuleService>(INSIGHTS_MODULE)
  const options = insights.getOptions().insights
  const range = { ...summaryRange(container), ...(from ? { from } : {}), ...(to ? { to } : {}) }
  const currency = options.currencyCode

  // The rules that fired (or were evaluated) in the period.
  const ruleIds = [...new Set([...(await automation.ruleIdsRunBetween(range)), ...(await insights.ruleIdsExposedBetween(range))])]
  const rules = ruleIds.length ? await automation.listAutomationRules({ id: ruleIds }, { take: ruleIds.length }) : []
  const reports: RuleReport[] = []
  const suggestions: Suggestion[] = []
  for (const row of rules) {
    const report = await ruleReport(container, { ruleId: row.id, from: range.from, to: range.to })
    reports.push(report)
    const checked = validateRule(row.definition)
    suggestions.push(...suggestionsFor(await measurementsOf(container, report, checked.ok ? checked.rule : null, range)))
  }
  reports.sort((a, b) => b.funnel.acted - a.funnel.acted || a.rule.name.localeCompare(b.rule.name))

  const sum = (values: string[]) => values.reduce((s, v) => s + Number(v), 0).toFixed(2).replace(/\.00$/, "")
  const close = await promotersClose(container)
  const [fit] = await insights.listInsightModelFits({}, { take: 1, order: { fitted_at: "DESC" } })
  const validation = fit?.validation as { horizons?: { days: number; model: { brier: number }; baseline_own_rate: { brier: number } }[] } | null
  const h30 = validation?.horizons?.find((h) => h.days === 30) ?? null
  const figures: SummaryFigures = {
    period: { from: range.from.toISOString(), to: range.to.toISOString() },
    currency_code: currency,
    rules: reports.map((r) => ({
      id: r.rule.id,
      name: r.rule.name,
      fired: r.funnel.fired,
      acted: r.funnel.acted,
      held_out: r.funnel.held_out,
      responded: r.funnel.responded,
      revenue: r.funnel.revenue.amount,
      cost: r.cost.total.amount,
      verdict: r.rule.holdout_share > 0 || r.control.holdout.n > 0 ? r.control.verdict : "no_control_group",
      response_uplift: r.rule.holdout_share > 0 || r.control.holdout.n > 0 ? r.control.response_uplift : null,
      net_return: r.control.verdict === "not_enough_data" ? null : (r.control.net_return?.amount ?? null),
    })),
    totals: {
      acted: reports.reduce((s, r) => s + r.funnel.acted, 0),
      held_out: reports.reduce((s, r) => s + r.funnel.held_out, 0),
      responded: reports.reduce((s, r) => s + r.funnel.responded, 0),
      revenue: sum(reports.map((r) => r.funnel.revenue.amount)),
      cost: sum(reports.map((r) => r.cost.total.amount)),
    },
    promoters_close: close,
    suggestions: suggestions.map((s) => ({ kind: s.kind, message: s.message })),
    model: fit
      ? { fitted_at: new Date(fit.fitted_at).toISOString(), customers: fit.customers, brier_30d: h30?.model.brier ?? null, baseline_brier_30d: h30?.baseline_own_rate.brier ?? null }
      : null,
  }
  const { text, writer } = await writeSummary(figures)
  return { figures, suggestions, text, writer, reports }
}

/**
 * Promoters close to an open goal or to the next tier: at least 75 % of the way, or at least 50 % likely to get
 * there by the end of the period (from the latest fit), most likely first.
 */
async function promotersClose(container: MedusaContainer): Promise<SummaryFigures["promoters_close"]> {
  const insights = container.resolve<InsightsModuleService>(INSIGHTS_MODULE)
  const rows = await insights.listInsightPredictions({ subject_type: "promoter" }, { take: 100000 })
  type Details = {
    goal?: { name: string; current: unknown; target: unknown; progress: number } | null
    tier?: { name: string; personal_volume: { amount: string }; target: { amount: string } } | null
  }
  const candidates = rows.flatMap((row) => {
    const d = (row.details ?? {}) as Details
    const out: { row: typeof row; label: string; current: unknown; target: unknown; p: number | null }[] = []
    if (d.goal && (d.goal.progress >= 0.75 || (row.p_next_goal ?? 0) >= 0.5)) {
      out.push({ row, label: d.goal.name, current: d.goal.current, target: d.goal.target, p: row.p_next_goal ?? null })
    }
    if (d.tier) {
      const progress = Number(d.tier.personal_volume.amount) / Math.max(1e-9, Number(d.tier.target.amount))
      if (progress >= 0.75 || (row.p_next_tier ?? 0) >= 0.5) {
        out.push({ row, label: `tier ${d.tier.name}`, current: d.tier.personal_volume, target: d.tier.target, p: row.p_next_tier ?? null })
      }
    }
    return out
  })
  const close = candidates.sort((a, b) => (b.p ?? 0) - (a.p ?? 0)).slice(0, 10)
  if (!close.length) return []
  const promoters = await container
    .resolve<PromoterModuleService>(PROMOTER_MODULE)
    .listPromoters({ id: [...new Set(close.map((c) => c.row.subject_id))] }, { select: ["id", "name"] })
  const show = (v: unknown) => {
    const money = v as { amount?: unknown; currency_code?: unknown } | null
    return money && typeof money === "object" && "amount" in money ? `${String(money.amount)} ${String(money.currency_code).toUpperCase()}` : String(v)
  }
  return close.map(({ row, label, current, target, p }) => ({
    promoter_id: row.subject_id,
    name: promoters.find((x) => x.id === row.subject_id)?.name ?? row.subject_id,
    goal: label,
    current: show(current),
    target: show(target),
    p_next_goal: p,
    forecast: row.month_sales_forecast === null || row.month_sales_forecast === undefined ? null : `${row.month_sales_forecast} ${String(row.currency_code ?? "usd").toUpperCase()}`,
  }))
}

export const SUMMARY_TEMPLATE = "promoter-automation-summary"

/** The code of the error sendSummary throws when the provider failed for some recipients (routes answer 502). */
export const SUMMARY_NOT_SENT = "promoter_summary_not_sent"

export function isSummaryNotSent(error: unknown): error is Error {
  return (error as { code?: unknown } | null)?.code === SUMMARY_NOT_SENT
}

/** Builds and stores the summary of a period (its figures, suggestions and text). */
export async function storeSummary(container: MedusaContainer, { range, periodKey }: { range: { from: Date; to: Date }; periodKey: string }) {
  const built = await buildInsights(container, range)
  const [saved] = await container.resolve<InsightsModuleService>(INSIGHTS_MODULE).createInsightSummaries([
    {
      period_start: range.from,
      period_end: range.to,
      period_key: periodKey,
      writer: built.writer,
      text: built.text,
      data: toJsonColumn({ ...built.figures, suggestions: built.suggestions }),
      notified_to: toJsonColumn([]),
    },
  ])
  return saved
}
