// A rule's report over a date range: the funnel (triggered → acted → responded → revenue), what it cost, treated
// against held out with the uplift and its confidence interval, and the variants with their allocation. Every figure
// is counted from the store's own rows: automation runs and exposures measured against orders.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { clearWinner, compareArms, wilson, type Allocation, type ArmTotals, type Comparison } from "../../../lib/insights"
import { DEFAULT_EXPLORE_MIN_SHARE, hasVariants, validateRule, variantActionIndex, type Rule } from "../../../lib/rules-engine"
import { AUTOMATION_MODULE } from "../../../modules/automation"
import type AutomationModuleService from "../../../modules/automation/service"
import { INSIGHTS_MODULE } from "../../../modules/insights"
import type InsightsModuleService from "../../../modules/insights/service"
import { allocationFor } from "../../automation/utils/exposure"
import { measureOutcomes } from "../../automation/utils/measure-outcomes"
import { clock } from "../../../lib/clock"

export type Money = { amount: string; currency_code: string }

export type VariantReport = {
  name: string
  subjects: number
  /** Exposures whose response is known (responded, or the window closed without one): the bandit's trials. */
  decided: number
  responders: number
  response_rate: number | null
  response_rate_ci: { low: number; high: number } | null
  revenue: Money
  cost: Money
  /** Share of new subjects this variant gets now, and its probability of being the best. */
  allocation: number
  p_best: number
}

export type RuleReport = {
  rule: { id: string; name: string; status: string; subject: "customer" | "promoter"; holdout_share: number; outcome_window_days: number }
  range: { from: string; to: string }
  funnel: {
    /** Evaluations of the rule (every trigger for every subject), and the distinct subjects. */
    triggered: number
    subjects: number
    matched: number
    fired: number
    held_out: number
    acted: number
    responded: number
    orders: number
    revenue: Money
  }
  actions: { type: string; taken: number; coupons_redeemed?: number }[]
  cost: { discounts: Money; bonuses: Money; total: Money }
  /** Treated against held out, over exposures whose outcome window has closed. */
  control: Comparison & { open_windows: number; revenue_uplift_total: Money | null; net_return: Money | null }
  /** `allocation`: the bandit's state now (counts, P(best), shares), reproducible from its seed. */
  variants: { action_index: number; explore_min_share: number; arms: VariantReport[]; winner: string | null; allocation: Allocation[] } | null
  measured_at: string
}

type Row = Record<string, string | number | null>

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v))
const fixed = (n: number) => (Math.round(n * 100) / 100).toFixed(2).replace(/\.00$/, "")

export async function ruleReport(
  container: MedusaContainer,
  { ruleId, from, to }: { ruleId: string; from?: Date; to?: Date }
): Promise<RuleReport> {
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const insights = container.resolve<InsightsModuleService>(INSIGHTS_MODULE)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const row = await automation.retrieveAutomationRule(ruleId)
  const checked = validateRule(row.definition)
  const rule: Rule | null = checked.ok ? checked.rule : null
  const now = clock.now()
  const range = { from: from ?? new Date(0), to: to ?? now }
  const options = insights.getOptions().insights
  const currency = options.currencyCode
  await measureOutcomes(container, { now, ruleId })

  const runs = await automation.runFunnel({ ruleId, from: range.from, to: range.to })
  const inRange = `rule_id = ? and deleted_at is null and exposed_at between ? and ?`
  const [exp]: Row[] = (
    await pg.raw(
      `select (count(*) filter (where arm = 'holdout'))::int as held_out,
              (count(*) filter (where arm = 'treated'))::int as acted,
              (count(*) filter (where arm = 'treated' and responded_at is not null))::int as responded,
              coalesce(sum(orders_count) filter (where arm = 'treated'), 0)::int as orders,
              coalesce(sum(revenue) filter (where arm = 'treated'), 0)::text as revenue,
              coalesce(sum(discount_amount) filter (where arm = 'treated'), 0)::text as discounts,
              coalesce(sum(bonus_amount) filter (where arm = 'treated'), 0)::text as bonuses,
              (count(*) filter (where not final))::int as open_windows
         from promoter_insight_exposure where ${inRange}`,
      [ruleId, range.from, range.to]
    )
  ).rows
  const actionRows: Row[] = (
    await pg.raw(
      `select a->>'type' as type, count(*)::int as taken,
              (count(distinct e.id) filter (where a->>'type' = 'issue_coupon' and e.redeemed_at is not null))::int as redeemed
         from promoter_insight_exposure e, jsonb_array_elements(coalesce(e.actions, '[]'::jsonb)) a
        where e.rule_id = ? and e.deleted_at is null and e.exposed_at between ? and ? and e.arm = 'treated' and a->>'status' in ('done', 'scheduled')
        group by 1 order by 1`,
      [ruleId, range.from, range.to]
    )
  ).rows
  const armRows: Row[] = (
    await pg.raw(
      `select arm, count(*)::int as n, (count(*) filter (where responded_at is not null))::int as responders,
              coalesce(sum(revenue), 0)::float8 as revenue_sum, coalesce(sum(revenue * revenue), 0)::float8 as revenue_sum_sq,
              coalesce(sum(discount_amount + bonus_amount), 0)::float8 as cost
         from promoter_insight_exposure where ${inRange} and final group by arm`,
      [ruleId, range.from, range.to]
    )
  ).rows
  const arm = (name: string): ArmTotals => {
    const r = armRows.find((x) => x.arm === name)
    return { n: num(r?.n), responders: num(r?.responders), revenue_sum: num(r?.revenue_sum), revenue_sum_sq: num(r?.revenue_sum_sq) }
  }
  const comparison = compareArms(arm("treated"), arm("holdout"))
  const treatedCost = num(armRows.find((x) => x.arm === "treated")?.cost)
  const revenueUpliftTotal = comparison.revenue_uplift ? comparison.revenue_uplift.estimate * comparison.treated.n : null

  let variants: RuleReport["variants"] = null
  const allActions = rule ? [...rule.actions, ...rule.branches.flatMap((b) => b.actions)] : []
  const vIndex = variantActionIndex(allActions)
  const vAction = vIndex >= 0 ? allActions[vIndex] : null
  if (vAction && hasVariants(vAction)) {
    const variantRows: Row[] = (
      await pg.raw(
        `select variant, count(*)::int as subjects,
                (count(*) filter (where responded_at is not null or window_ends_at <= ?))::int as decided,
                (count(*) filter (where responded_at is not null))::int as responders,
                coalesce(sum(revenue), 0)::text as revenue, coalesce(sum(discount_amount + bonus_amount), 0)::text as cost
           from promoter_insight_exposure where ${inRange} and arm = 'treated' and variant is not null group by variant`,
        [now, ruleId, range.from, range.to]
      )
    ).rows
    // The allocation new subjects get now is computed from all of the rule's history, as the runner does.
    const counts = await insights.variantCounts({ ruleId, now })
    const floor = vAction.explore_min_share ?? DEFAULT_EXPLORE_MIN_SHARE
    const allocation: Allocation[] = allocationFor({
      ruleId,
      arms: vAction.variants.map((v) => counts.find((c) => c.name === v.name) ?? { name: v.name, trials: 0, successes: 0 }),
      floor,
    })
    variants = {
      action_index: vIndex,
      explore_min_share: floor,
      winner: clearWinner(allocation)?.name ?? null,
      allocation,
      arms: vAction.variants.map((v) => {
        const r = variantRows.find((x) => x.variant === v.name)
        const a = allocation.find((x) => x.name === v.name)!
        const decided = num(r?.decided)
        const responders = num(r?.responders)
        return {
          name: v.name,
          subjects: num(r?.subjects),
          decided,
          responders,
          response_rate: decided ? responders / decided : null,
          response_rate_ci: decided ? wilson(responders, decided) : null,
          revenue: { amount: String(r?.revenue ?? "0"), currency_code: currency },
          cost: { amount: String(r?.cost ?? "0"), currency_code: currency },
          allocation: a.share,
          p_best: a.p_best,
        }
      }),
    }
  }

  const discounts = String(exp?.discounts ?? "0")
  const bonuses = String(exp?.bonuses ?? "0")
  return {
    rule: {
      id: row.id,
      name: row.name,
      status: row.status,
      subject: row.subject,
      holdout_share: rule?.holdout?.share ?? 0,
      outcome_window_days: rule?.outcome_window_days ?? options.outcomeWindowDays,
    },
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    funnel: {
      triggered: num(runs?.triggered),
      subjects: num(runs?.subjects),
      matched: num(runs?.matched),
      fired: num(runs?.fired),
      held_out: num(exp?.held_out),
      acted: num(exp?.acted),
      responded: num(exp?.responded),
      orders: num(exp?.orders),
      revenue: { amount: String(exp?.revenue ?? "0"), currency_code: currency },
    },
    actions: actionRows.map((a) => ({ type: String(a.type), taken: num(a.taken), ...(a.type === "issue_coupon" ? { coupons_redeemed: num(a.redeemed) } : {}) })),
    cost: {
      discounts: { amount: discounts, currency_code: currency },
      bonuses: { amount: bonuses, currency_code: currency },
      total: { amount: fixed(Number(discounts) + Number(bonuses)), currency_code: currency },
    },
    control: {
      ...comparison,
      open_windows: num(exp?.open_windows),
      revenue_uplift_total: revenueUpliftTotal === null ? null : { amount: fixed(revenueUpliftTotal), currency_code: currency },
      net_return: revenueUpliftTotal === null ? null : { amount: fixed(revenueUpliftTotal - treatedCost), currency_code: currency },
    },
    variants,
    measured_at: now.toISOString(),
  }
}
