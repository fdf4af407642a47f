// The dry-run's cost and outcome estimate: what a firing of this kind of rule has cost and brought in this store,
// measured on closed outcome windows, times the firings the dry-run found. The basis is the rule itself when it has
// enough measured firings, otherwise the store's rules with the same subject and the same kinds of action.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MIN_PER_ARM } from "../../../lib/insights"
import { validateRule, type Action, type Rule } from "../../../lib/rules-engine"
import { AUTOMATION_MODULE } from "../../../modules/automation"
import type AutomationModuleService from "../../../modules/automation/service"
import { INSIGHTS_MODULE } from "../../../modules/insights"
import type InsightsModuleService from "../../../modules/insights/service"

type Money = { amount: string; currency_code: string }

export type Estimate = {
  basis: { kind: "this_rule" | "similar_rules" | "none"; rule_ids: string[]; treated: number; held_out: number; action_types: string[]; note: string }
  per_firing: { cost: Money; response_rate: number; revenue: Money; response_uplift: number | null; revenue_uplift: Money | null } | null
  /** For the dry-run's firings; with a control group only the treated share (1 − holdout) costs and earns. */
  expected: { firings: number; treated: number; cost: Money; responses: number; revenue: Money; incremental_revenue: Money | null } | null
}

function actionTypes(rule: Rule): string[] {
  const types = (actions: Action[]): string[] => actions.flatMap((a) => (a.type === "delay" ? types(a.actions) : [a.type]))
  return [...new Set([...types(rule.actions), ...rule.branches.flatMap((b) => types(b.actions))])].sort()
}

const money = (n: number, currency_code: string): Money => ({ amount: (Math.round(n * 100) / 100).toFixed(2).replace(/\.00$/, ""), currency_code })

export async function estimateOutcomes(
  container: MedusaContainer,
  { rule, ruleId, firings }: { rule: Rule; ruleId?: string; firings: number }
): Promise<Estimate> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const currency = container.resolve<InsightsModuleService>(INSIGHTS_MODULE).getOptions().insights.currencyCode
  const types = actionTypes(rule)
  const pooled = async (ids: string[]) => {
    if (!ids.length) return { treated: { n: 0, responders: 0, revenue: 0, cost: 0 }, holdout: { n: 0, responders: 0, revenue: 0, cost: 0 } }
    const { rows } = await pg.raw(
      `select arm, count(*)::int as n, (count(*) filter (where responded_at is not null))::int as responders,
              coalesce(sum(revenue), 0)::float8 as revenue, coalesce(sum(discount_amount + bonus_amount), 0)::float8 as cost
         from promoter_insight_exposure where rule_id = any(?::text[]) and final and deleted_at is null group by arm`,
      [`{${ids.join(",")}}`]
    )
    const arm = (name: string) => rows.find((r: { arm: string }) => r.arm === name) ?? { n: 0, responders: 0, revenue: 0, cost: 0 }
    return { treated: arm("treated"), holdout: arm("holdout") }
  }
  let kind: Estimate["basis"]["kind"] = "none"
  let ids: string[] = []
  let data = await pooled([])
  if (ruleId) {
    const own = await pooled([ruleId])
    if (own.treated.n >= MIN_PER_ARM) {
      kind = "this_rule"
      ids = [ruleId]
      data = own
    }
  }
  if (kind === "none") {
    const rows = await automation.listAutomationRules({ subject: rule.subject }, { select: ["id", "definition"], take: 10000 })
    ids = rows
      .filter((r) => r.id !== ruleId)
      .filter((r) => {
        const checked = validateRule(r.definition)
        return checked.ok && actionTypes(checked.rule).join() === types.join()
      })
      .map((r) => r.id)
    data = await pooled(ids)
    if (data.treated.n >= MIN_PER_ARM) kind = "similar_rules"
    else ids = []
  }
  const { treated: t, holdout: h } = data
  const basis = {
    kind,
    rule_ids: ids,
    treated: kind === "none" ? 0 : t.n,
    held_out: kind === "none" ? 0 : h.n,
    action_types: types,
    note:
      kind === "none"
        ? `no measurements yet: fewer than ${MIN_PER_ARM} closed outcome windows of ${rule.subject} rules with actions ${types.join(", ")}`
        : kind === "this_rule"
          ? "measured on this rule's own firings"
          : `measured on ${ids.length} rule(s) with the same subject and actions (their own coupon values and messages)`,
  }
  if (kind === "none") return { basis, per_firing: null, expected: null }
  const rate = t.responders / t.n
  const treated = firings * (1 - (rule.holdout?.share ?? 0))
  const upliftKnown = h.n >= MIN_PER_ARM
  const responseUplift = upliftKnown ? rate - h.responders / h.n : null
  const revenueUplift = upliftKnown ? t.revenue / t.n - h.revenue / h.n : null
  return {
    basis,
    per_firing: {
      cost: money(t.cost / t.n, currency),
      response_rate: rate,
      revenue: money(t.revenue / t.n, currency),
      response_uplift: responseUplift,
      revenue_uplift: revenueUplift === null ? null : money(revenueUplift, currency),
    },
    expected: {
      firings,
      treated,
      cost: money((t.cost / t.n) * treated, currency),
      responses: Math.round(rate * treated * 100) / 100,
      revenue: money((t.revenue / t.n) * treated, currency),
      incremental_revenue: revenueUplift === null ? null : money(revenueUplift * treated, currency),
    },
  }
}
