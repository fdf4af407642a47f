// Level 5, at the moment a rule fires for a subject: is the subject held out (the rule's control group) or
// treated, and which variant of the rule's action do they get? Recorded once per firing, before the actions run,
// so every later outcome (orders, revenue, redemption) can be joined to it.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  chooseArm,
  isHeldOut,
  stableUnit,
  thompsonAllocation,
  type Allocation,
  type ArmCounts,
} from "../../../lib/insights"
import {
  applyVariant,
  DEFAULT_EXPLORE_MIN_SHARE,
  hasVariants,
  variantActionIndex,
  type Action,
  type CompiledRule,
  type Trace,
} from "../../../lib/rules-engine"
import { INSIGHTS_MODULE } from "../../../modules/insights"
import type InsightsModuleService from "../../../modules/insights/service"
import { measureOutcomes } from "./measure-outcomes"

type Subject = { type: "customer" | "promoter"; id: string }
type ActionReport = { type: string; status: string; detail?: Record<string, unknown> }

export type ExposurePlan = {
  arm: "treated" | "holdout"
  variant: string | null
  /** The actions to take: the variant applied; none when held out. */
  actions: Action[]
  /** For the run log: what was decided and why. */
  summary: { exposure_id: string | null; arm: "treated" | "holdout"; variant: string | null; holdout_share: number }
  /** Stores what the actions did on the exposure (coupons to follow, the bonus paid). */
  record: (outcomes: ActionReport[]) => Promise<void>
}

const DAY = 86_400_000
const allocations = new Map<string, Allocation[]>()
const measuredAt = new Map<string, number>()
const countsCache = new Map<string, ArmCounts[]>()

/** The allocation between variants is a function of the counts so far and a seed made of them: cached per state. */
export function allocationFor({ ruleId, arms, floor }: { ruleId: string; arms: { name: string; trials: number; successes: number }[]; floor: number }): Allocation[] {
  const seed = `${ruleId}:${arms.map((a) => `${a.name}=${a.successes}/${a.trials}`).join(",")}:${floor}`
  let allocation = allocations.get(seed)
  if (!allocation) {
    allocation = thompsonAllocation({ arms, floor, seed })
    if (allocations.size > 5000) allocations.clear()
    allocations.set(seed, allocation)
  }
  return allocation
}

/** The leaves the conditions evaluated, with the values they saw. */
function conditionValues(trace: Trace | null): { fact: string; params?: Record<string, unknown>; operator: string; expected?: unknown; actual: unknown }[] {
  if (!trace) return []
  if (trace.kind === "leaf") return [{ fact: trace.fact, params: trace.params, operator: trace.operator, expected: trace.expected, actual: trace.actual }]
  if (trace.kind === "not") return conditionValues(trace.child)
  return trace.children.flatMap(conditionValues)
}

function triggerOrderId(event: Record<string, unknown>, triggerKey: string): string | null {
  if (!triggerKey.startsWith("event:")) return null
  if (typeof event.order_id === "string") return event.order_id
  if (triggerKey.startsWith("event:order.") && typeof event.id === "string") return event.id
  return null
}

/**
 * Stores what actions did on their firing's exposure: the coupons they issued (to follow redemption) and the bonus
 * they paid. `merge` adds to what is there: a delivery that took over a firing, or delayed actions run later.
 */
export async function recordExposureOutcomes(
  container: MedusaContainer,
  { exposureId, outcomes, merge }: { exposureId: string; outcomes: ActionReport[]; merge: boolean }
): Promise<void> {
  const promotionIds = outcomes.map((o) => o.detail?.promotion_id).filter((p): p is string => typeof p === "string")
  const bonus = outcomes
    .filter((o) => o.type === "award_bonus" && o.status === "done")
    .reduce((sum, o) => sum + Number(o.detail?.amount ?? 0), 0)
  await container
    .resolve<InsightsModuleService>(INSIGHTS_MODULE)
    .completeExposure({ id: exposureId, actions: outcomes, promotionIds, bonusAmount: String(bonus), merge })
}

export async function planExposure({
  container,
  rule,
  subject,
  periodKey,
  triggerKey,
  event,
  now,
  actions,
  trace,
}: {
  container: MedusaContainer
  rule: CompiledRule
  subject: Subject
  periodKey: string
  triggerKey: string
  event: Record<string, unknown>
  now: Date
  actions: Action[]
  trace: Trace | null
}): Promise<ExposurePlan> {
  const share = rule.rule.holdout?.share ?? 0
  const variantIndex = variantActionIndex(actions)
  const withVariant = (name: string | null): Action[] => {
    if (variantIndex < 0) return actions
    const action = actions[variantIndex]
    if (!hasVariants(action)) return actions
    const variant = action.variants.find((v) => v.name === name) ?? action.variants[0]
    return actions.map((a, i) => (i === variantIndex ? applyVariant(a, variant) : a))
  }
  try {
    const insights = container.resolve<InsightsModuleService>(INSIGHTS_MODULE)
    const options = insights.getOptions().insights
    const heldOut = isHeldOut({ salt: rule.id, subjectId: subject.id, share })
    let variant: string | null = null
    let allocation: Allocation[] | null = null
    if (!heldOut && variantIndex >= 0) {
      const action = actions[variantIndex]
      if (hasVariants(action)) {
        // Responses that arrived since the last measurement count before the next subject is allocated; the counts
        // are then read once and reused until the next measurement (at most a minute later).
        let counts = countsCache.get(rule.id)
        if (!counts || Math.abs(now.getTime() - (measuredAt.get(rule.id) ?? 0)) > 60_000) {
          measuredAt.set(rule.id, now.getTime())
          await measureOutcomes(container, { now, ruleId: rule.id })
          counts = await insights.variantCounts({ ruleId: rule.id, now })
          countsCache.set(rule.id, counts)
        }
        const arms = action.variants.map((v) => counts.find((c) => c.name === v.name) ?? { name: v.name, trials: 0, successes: 0 })
        allocation = allocationFor({ ruleId: rule.id, arms, floor: action.explore_min_share ?? DEFAULT_EXPLORE_MIN_SHARE })
        variant = chooseArm(allocation, stableUnit(`variant:${rule.id}:${subject.id}:${periodKey}`))
      }
    }
    const windowDays = rule.rule.outcome_window_days ?? options.outcomeWindowDays
    const handle = await insights.openExposure({
      rule_id: rule.id,
      rule_version: rule.version,
      subject_type: subject.type,
      subject_id: subject.id,
      period_key: periodKey,
      arm: heldOut ? "holdout" : "treated",
      variant,
      allocation,
      trigger_key: triggerKey,
      trigger_order_id: triggerOrderId(event, triggerKey),
      exposed_at: now,
      window_ends_at: new Date(now.getTime() + windowDays * DAY),
      condition_values: conditionValues(trace),
      currency_code: options.currencyCode,
    })
    // A delivery that took over a firing keeps the group and variant the first one chose.
    const arm = handle.arm
    return {
      arm,
      variant: handle.variant,
      actions: arm === "holdout" ? [] : withVariant(handle.variant),
      summary: { exposure_id: handle.id, arm, variant: handle.variant, holdout_share: share },
      record: (outcomes) => recordExposureOutcomes(container, { exposureId: handle.id, outcomes, merge: !handle.created }),
    }
  } catch (error) {
    // Measuring must never stop a rule: without an exposure the subject is treated, with the first variant.
    container.resolve(ContainerRegistrationKeys.LOGGER).error(`insights: no exposure recorded for rule ${rule.id} and ${subject.id}: ${(error as Error).message}`)
    return {
      arm: "treated",
      variant: null,
      actions: withVariant(null),
      summary: { exposure_id: null, arm: "treated", variant: null, holdout_share: share },
      record: async () => {},
    }
  }
}
