// A promoter's goals, as the store's automation rules define them: every active promoter rule whose conditions ask
// for at least a threshold of the promoter's own sales, orders or recruits over a window that is still running
// ("$1,500 of sales this month → $50 bonus"). Current values come from the same fact code and the same compiled
// conditions the rules engine runs, so "1,290 of 1,500" here is exactly what the rule will see.
import type { MedusaContainer } from "@medusajs/framework/types"
import { createFactProvider } from "../../automation/utils/facts"
import { tierFigures } from "../../compensation/utils/qualify-tiers"
import { compileRule, validateRule, windowRange, type Action, type CompiledRule, type Condition, type FactRequest, type Leaf, type Rule, type Trace, type Window } from "../../../lib/rules-engine"
import { compareDecimal } from "../../../lib/money"
import type { Qualification } from "../../../lib/compensation/qualification"
import { AUTOMATION_MODULE } from "../../../modules/automation"
import type AutomationModuleService from "../../../modules/automation/service"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { clock } from "../../../lib/clock"

/** Facts that measure what a promoter does over a window: a threshold on them is a goal to work towards. */
const PROGRESS_FACTS = new Set(["promoter.sales.sum", "promoter.sales.count", "promoter.recruits.count"])
const PROGRESS_OPERATORS = new Set(["gte", "gt"])

type Money = { amount: string; currency_code: string }
type Measure = number | Money

export type GoalReward =
  | { type: "bonus"; amount: string | null; currency_code: string }
  | { type: "coupon"; discount: "percentage" | "fixed"; value: number | null; currency_code: string | null }
  | { type: "tier"; to: "next" | "previous" | "specific" }
  | { type: "status"; to: string }
  | { type: "message" }

export type Goal = {
  id: string
  rule_id: string
  name: string
  /** The branch of the rule this goal unlocks, when it is a branch's condition. */
  branch: string | null
  metric: "sales_amount" | "sales_count" | "recruits"
  operator: "gte" | "gt"
  current: Measure
  target: Measure
  /** 0..1, for a progress bar. */
  progress: number
  achieved: boolean
  /** The rule already fired for the promoter in this period (the reward was given). */
  rewarded: boolean
  period: { key: string; label: string; starts_at: string; ends_at: string | null }
  rewards: GoalReward[]
}

function isProgressLeaf(c: Condition): c is Leaf {
  return "fact" in c && PROGRESS_FACTS.has(c.fact) && PROGRESS_OPERATORS.has(c.operator) && c.value !== undefined
}

function mentionsEvent(c: Condition): boolean {
  if ("all" in c) return c.all.some(mentionsEvent)
  if ("any" in c) return c.any.some(mentionsEvent)
  if ("not" in c) return mentionsEvent(c.not)
  return c.fact === "event"
}

function containsProgress(c: Condition): boolean {
  if ("all" in c) return c.all.some(containsProgress)
  if ("any" in c) return c.any.some(containsProgress)
  if ("not" in c) return false
  return isProgressLeaf(c)
}

/**
 * Splits a condition into goals (threshold leaves on progress facts, found through `all` and `any`) and gates (the
 * other parts of the top-level `all`, e.g. "tagged party_host"): a goal is only shown when its gates hold. Gates on
 * the triggering event's payload cannot be judged outside an event and are left out.
 */
function split(c: Condition, goals: Leaf[], gates: Condition[]) {
  if ("all" in c) {
    for (const child of c.all) {
      if (containsProgress(child)) split(child, goals, gates)
      else if (!mentionsEvent(child)) gates.push(child)
    }
  } else if ("any" in c) {
    for (const child of c.any) if (containsProgress(child)) split(child, goals, [])
  } else if (isProgressLeaf(c)) {
    goals.push(c)
  } else if (!mentionsEvent(c)) {
    gates.push(c)
  }
}

/** A compiled stand-in rule with one condition, so the engine's own code asks for the facts and judges them. */
function probe(rule: Rule, id: string, conditions: Condition): CompiledRule {
  return compileRule({ id, rule: { ...rule, conditions, branches: [] } })
}

function rewardsOf(actions: Action[]): GoalReward[] {
  const out: GoalReward[] = []
  for (const a of actions) {
    if (a.type === "delay") out.push(...rewardsOf(a.actions))
    else if (a.type === "award_bonus") {
      out.push({ type: "bonus", amount: typeof a.amount === "number" ? String(a.amount) : null, currency_code: a.currency_code.toLowerCase() })
    } else if (a.type === "issue_coupon") {
      out.push({ type: "coupon", discount: a.discount, value: typeof a.value === "number" ? a.value : null, currency_code: a.currency_code?.toLowerCase() ?? null })
    } else if (a.type === "change_tier") {
      out.push({ type: "tier", to: typeof a.to === "string" ? a.to : "specific" })
    } else if (a.type === "change_status" && a.to === "active") {
      out.push({ type: "status", to: a.to })
    } else if (a.type === "send_message" && a.to === "subject") {
      out.push({ type: "message" })
    }
  }
  return out
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

/** How the portal names a window that is running now. */
function windowLabel(window: Window): string {
  switch (window.type) {
    case "calendar":
      return window.unit === "day" ? "today" : `this ${window.unit}`
    case "month_of_year":
      return MONTHS[window.month - 1]
    case "season":
      return window.season.replace(/_/g, " ")
    case "rolling":
      return `last ${window.days} days`
    case "since_subject":
      return `your first ${window.months} months`
    case "lifetime":
      return "all time"
  }
}

function measure(value: unknown): Measure | null {
  if (typeof value === "number") return value
  if (value && typeof value === "object" && "amount" in value && "currency_code" in value) {
    const v = value as { amount: unknown; currency_code: string }
    return { amount: String(v.amount), currency_code: v.currency_code.toLowerCase() }
  }
  return null
}

function ratio(current: Measure, target: Measure): number {
  const c = typeof current === "number" ? current : Number(current.amount)
  const t = typeof target === "number" ? target : Number(target.amount)
  if (!(t > 0)) return c > 0 ? 1 : 0
  return Math.round(Math.max(0, Math.min(1, c / t)) * 10000) / 10000
}

/** The logged-in promoter's goals from the active rules, evaluated now. */
export async function promoterGoals(container: MedusaContainer, promoterId: string): Promise<Goal[]> {
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const { storeTimezone } = automation.getOptions()
  const now = clock.now()
  const rows = await automation.listAutomationRules({ status: "active", subject: "promoter" }, { take: 1000, order: { created_at: "ASC" } })
  const [promoter] = await promoters.listPromoters({ id: promoterId }, { select: ["id", "enrolled_at", "created_at"] })
  const subjectStart = promoter?.enrolled_at ? new Date(promoter.enrolled_at) : null

  type Candidate = { id: string; ruleId: string; rule: Rule; branch: string | null; leaf: Leaf; window: Window; goal: CompiledRule; gates: CompiledRule | null; rewards: GoalReward[] }
  const candidates: Candidate[] = []
  for (const row of rows) {
    const checked = validateRule(row.definition)
    if (!checked.ok) continue
    const rule = checked.rule
    const parts: { branch: string | null; when: Condition | undefined; extraGates: Condition[]; actions: Action[] }[] = [
      { branch: null, when: rule.conditions, extraGates: [], actions: rule.actions },
    ]
    // A branch adds to a rule whose conditions hold: its goals show once the rule's own goals are reached.
    const ruleGates: Condition[] = []
    if (rule.conditions && !mentionsEvent(rule.conditions)) ruleGates.push(rule.conditions)
    else if (rule.conditions) {
      const ruleGoals: Leaf[] = []
      split(rule.conditions, ruleGoals, ruleGates)
      ruleGates.push(...ruleGoals)
    }
    rule.branches.forEach((b, i) => parts.push({ branch: b.name ?? `step ${i + 1}`, when: b.when, extraGates: ruleGates, actions: [...rule.actions, ...b.actions] }))
    for (const part of parts) {
      if (!part.when) continue
      const leaves: Leaf[] = []
      const gates: Condition[] = [...part.extraGates]
      split(part.when, leaves, gates)
      const rewards = rewardsOf(part.actions)
      leaves.forEach((leaf, i) => {
        const window = (leaf.params as { window?: Window } | undefined)?.window
        if (!window) return
        const range = windowRange(window, { now, timeZone: storeTimezone, seasons: rule.seasons, subjectStart })
        // A window that has ended (last month, a season that is over) is no longer a goal one can work towards.
        if (range.end.getTime() < now.getTime() || range.start.getTime() > now.getTime()) return
        const id = `${row.id}:${part.branch ?? ""}:${i}`
        candidates.push({
          id,
          ruleId: row.id,
          rule,
          branch: part.branch,
          leaf,
          window,
          goal: probe(rule, `${id}:goal`, leaf),
          gates: gates.length ? probe(rule, `${id}:gates`, { all: gates }) : null,
          rewards,
        })
      })
    }
  }
  if (!candidates.length) return []

  const requests = new Map<string, FactRequest>()
  for (const c of candidates) for (const f of [...c.goal.facts, ...(c.gates?.facts ?? [])]) requests.set(f.key, f)
  const seasons = candidates.flatMap((c) => c.rule.seasons)
  const facts = await createFactProvider({ container, subject: { type: "promoter", id: promoterId }, now, timeZone: storeTimezone, seasons, event: {} })([
    ...requests.values(),
  ])

  const goals: Goal[] = []
  for (const c of candidates) {
    if (c.gates && !c.gates.evaluate(facts).trace?.result) continue
    const trace = c.goal.evaluate(facts).trace as (Trace & { kind: "leaf" }) | null
    const target = measure(c.leaf.value)
    if (!trace || target === null) continue
    const current =
      measure(trace.actual) ?? (typeof target === "number" ? 0 : { amount: "0", currency_code: target.currency_code })
    // A money goal in another currency than the promoter's sales counts from zero in its own currency.
    const comparable = typeof current === typeof target && (typeof target === "number" || (current as Money).currency_code === target.currency_code)
    const shown = comparable ? current : typeof target === "number" ? 0 : { amount: "0", currency_code: target.currency_code }
    const range = windowRange(c.window, { now, timeZone: storeTimezone, seasons: c.rule.seasons, subjectStart })
    const f = c.rule.frequency
    const periodKey =
      f.type === "once" ? "once" : f.type === "once_per_period" ? windowRange(f.window, { now, timeZone: storeTimezone, seasons: c.rule.seasons }).key : null
    const [fired] = periodKey
      ? await automation.listAutomationFirings({ rule_id: c.ruleId, subject_id: promoterId, period_key: periodKey }, { select: ["id"], take: 1 })
      : []
    goals.push({
      id: c.id,
      rule_id: c.ruleId,
      name: c.rule.name,
      branch: c.branch,
      metric: c.leaf.fact === "promoter.sales.sum" ? "sales_amount" : c.leaf.fact === "promoter.sales.count" ? "sales_count" : "recruits",
      operator: c.leaf.operator as "gte" | "gt",
      current: shown,
      target,
      progress: trace.result ? 1 : Math.min(ratio(shown, target), 0.999),
      achieved: trace.result,
      rewarded: !!fired,
      period: {
        key: range.key,
        label: windowLabel(c.window),
        starts_at: range.start.toISOString(),
        ends_at: c.window.type === "lifetime" || c.window.type === "rolling" ? null : range.end.toISOString(),
      },
      rewards: c.rewards,
    })
  }
  return goals
}

export type TierProgress = {
  period: { key: string; label: string }
  current: { id: string; name: string; rank: number } | null
  next: {
    id: string
    name: string
    rank: number
    criteria: { kind: "personal_volume" | "group_volume" | "active_recruits"; current: Measure; target: Measure; met: boolean; progress: number }[]
  } | null
}

/**
 * Progress towards the next tier that is earned by qualification (criteria over a calendar month, judged at month
 * end), with this month's figures so far. Null when no tier has criteria.
 */
export async function tierProgress(container: MedusaContainer, promoterId: string): Promise<TierProgress | null> {
  const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const { storeTimezone } = promoters.getOptions()
  const tiers = await promoters.listPromoterTiers({}, { take: 1000, order: { rank: "ASC" } })
  if (!tiers.some((t) => t.qualification)) return null
  const [promoter] = await promoters.listPromoters({ id: promoterId }, { select: ["id", "tier_id"] })
  const current = tiers.find((t) => t.id === promoter?.tier_id) ?? null
  const next = tiers.find((t) => t.qualification && t.rank > (current?.rank ?? -1)) ?? null
  const range = windowRange({ type: "calendar", unit: "month", offset: 0 }, { now: clock.now(), timeZone: storeTimezone, seasons: [] })
  const period = { key: range.key.replace(/^month:/, ""), label: "this month" }
  const brief = (t: { id: string; name: string; rank: number }) => ({ id: t.id, name: t.name, rank: t.rank })
  if (!next) return { period, current: current ? brief(current) : null, next: null }
  const figures = await tierFigures(container, promoterId, { start: range.start, end: range.end })
  const q = next.qualification as Qualification
  const criteria: NonNullable<TierProgress["next"]>["criteria"] = []
  for (const kind of ["personal_volume", "group_volume"] as const) {
    const need = q[kind]
    if (!need) continue
    const code = need.currency_code.toLowerCase()
    const currentMoney = { amount: figures[kind][code] ?? "0", currency_code: code }
    const target = { amount: String(need.amount), currency_code: code }
    const progress = ratio(currentMoney, target)
    criteria.push({ kind, current: currentMoney, target, met: compareDecimal(currentMoney.amount, target.amount) >= 0, progress })
  }
  if (q.active_recruits !== undefined) {
    criteria.push({
      kind: "active_recruits",
      current: figures.active_recruits,
      target: q.active_recruits,
      met: figures.active_recruits >= q.active_recruits,
      progress: ratio(figures.active_recruits, q.active_recruits),
    })
  }
  return { period, current: current ? brief(current) : null, next: { ...brief(next), criteria } }
}
