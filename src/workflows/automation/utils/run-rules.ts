// Runs the rules of one trigger for its subjects: evaluate (facts fetched once), apply the frequency, carry out the
// actions, and log every run with its trace. A failing rule is logged and never blocks the others.
import type { MedusaContainer } from "@medusajs/framework/types"
import {
  evaluateTrigger,
  windowRange,
  type CompiledRule,
  type Evaluation,
  type Trace,
} from "../../../lib/rules-engine"
import { AUTOMATION_MODULE } from "../../../modules/automation"
import { FIRING_STALE_AFTER_MS } from "../../../modules/automation/service"
import type AutomationModuleService from "../../../modules/automation/service"
import { executeAction, type ActionOutcome } from "./actions"
import { createFactProvider, type Subject } from "./facts"
import type { Subjects } from "./subjects"
import { toJsonColumn } from "../../../lib/casts"
import { planExposure, type ExposurePlan } from "./exposure"
import { clock } from "../../../lib/clock"

export const MAX_CHAIN_DEPTH = 5
const EXPLAIN_ALL_UP_TO = 200

const bySubject = new WeakMap<CompiledRule[], Record<Subject["type"], CompiledRule[]>>()
/** A trigger's rules about one kind of subject; the same array every time, so the engine's compiled program is reused. */
function rulesOfSubject(rules: CompiledRule[], type: Subject["type"]): CompiledRule[] {
  let split = bySubject.get(rules)
  if (!split) {
    split = { customer: rules.filter((r) => r.rule.subject === "customer"), promoter: rules.filter((r) => r.rule.subject === "promoter") }
    bySubject.set(rules, split)
  }
  return split[type]
}

export type RunReport = {
  rule_id: string
  rule_name: string
  subject: Subject
  matched: boolean
  fired: boolean
  skipped_reason: string | null
  period_key: string | null
  trace: Trace | null
  branch: Evaluation["branch"]
  actions: (ActionOutcome | { type: string; status: "would_run"; action: unknown } | { type: string; status: "failed"; error: string } | { type: string; status: "held_out" })[]
  error: string | null
  /** L5: treated or held out (the rule's control group), and the variant the subject got. */
  exposure?: ExposurePlan["summary"]
}

export async function runRules({
  container,
  rules,
  subjects,
  event,
  triggerKey,
  eventKey,
  now = clock.now(),
  dryRun = false,
  chainDepth = 0,
  log = true,
  simulatedFirings,
}: {
  container: MedusaContainer
  rules: CompiledRule[]
  subjects: Subjects
  event: Record<string, unknown>
  triggerKey: string
  /** Identifies this occurrence of the trigger (an order id, a date): an every-time rule fires once per key. */
  eventKey: string
  now?: Date
  dryRun?: boolean
  chainDepth?: number
  log?: boolean
  /** Backtests: firings of earlier simulated events, so once-per-period rules behave as they would have. */
  simulatedFirings?: Set<string>
}): Promise<RunReport[]> {
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const { storeTimezone } = automation.getOptions()
  const reports: RunReport[] = []
  const logged = new Set<RunReport>()
  /** The run row of a report: the trace of one rule's evaluation for one subject. */
  const runRow = (r: RunReport) => ({
    rule_id: r.rule_id,
    rule_version: rules.find((x) => x.id === r.rule_id)?.version ?? 1,
    subject_type: r.subject.type,
    subject_id: r.subject.id,
    trigger: { key: triggerKey, event_key: eventKey, chain_depth: chainDepth },
    matched: r.matched,
    fired: r.fired,
    skipped_reason: r.skipped_reason,
    trace: r.trace ? toJsonColumn(r.trace) : null,
    actions: { list: r.actions, branch: r.branch, ...(r.exposure ? { exposure: r.exposure } : {}) },
    errors: r.error || r.actions.some((a) => a.status === "failed") ? { rule: r.error, actions: r.actions.filter((a) => a.status === "failed") } : null,
    dry_run: dryRun,
    evaluated_at: now,
  })
  for (const type of ["customer", "promoter"] as const) {
    const id = subjects[type]
    const ofType = rulesOfSubject(rules, type)
    if (!id || !ofType.length) continue
    const subject: Subject = { type, id }
    const seasons = ofType.flatMap((r) => r.rule.seasons)
    // Facts are loaded once per subject: the actions of the rules that fire reuse what the evaluation fetched.
    const loadFacts = createFactProvider({ container, subject, now, timeZone: storeTimezone, seasons, event })
    const known = new Map<string, unknown>()
    const provideFacts = async (requests: Parameters<typeof loadFacts>[0]) => {
      const missing = requests.filter((r) => !known.has(r.key))
      if (missing.length) (await loadFacts(missing)).forEach((value, key) => known.set(key, value))
      return new Map(known)
    }
    let results: Awaited<ReturnType<typeof evaluateTrigger>>
    try {
      // Dry-runs and small rule sets explain every rule; large ones keep traces for the rules that match.
      results = await evaluateTrigger({ rules: ofType, provideFacts, explain: dryRun || ofType.length <= EXPLAIN_ALL_UP_TO })
    } catch (error) {
      results = ofType.map((rule) => ({ rule, error: `facts: ${(error as Error).message}` }))
    }
    for (const result of results) {
      const { rule, error } = result
      // Rules that match get their full explanation (the fast path skipped it).
      const evaluation = result.explain ? result.explain() : result.evaluation
      const report: RunReport = {
        rule_id: rule.id,
        rule_name: rule.rule.name,
        subject,
        matched: !!evaluation?.matched,
        fired: false,
        skipped_reason: null,
        period_key: null,
        trace: evaluation?.trace ?? null,
        branch: evaluation?.branch ?? null,
        actions: [],
        error: error ?? null,
      }
      if (evaluation?.matched) {
        const f = rule.rule.frequency
        const periodKey =
          f.type === "once"
            ? "once"
            : f.type === "once_per_period"
              ? windowRange(f.window, { now, timeZone: storeTimezone, seasons: rule.rule.seasons }).key
              : `${triggerKey}:${eventKey}`
        report.period_key = periodKey
        if (dryRun) {
          const simKey = `${rule.id}:${id}:${periodKey}`
          const [already] = simulatedFirings
            ? []
            : await automation.listAutomationFirings({ rule_id: rule.id, subject_id: id, period_key: periodKey }, { select: ["id"] })
          if (already || simulatedFirings?.has(simKey)) report.skipped_reason = `already fired for ${periodKey}`
          else {
            simulatedFirings?.add(simKey)
            report.fired = true
            report.actions = evaluation.actions.map((a) => ({ type: a.type, status: "would_run" as const, action: a }))
          }
        } else {
          const claim = await automation.claimFiring({ ruleId: rule.id, subjectId: id, periodKey })
          if (!claim) {
            report.skipped_reason = `already fired for ${periodKey}`
          } else {
            report.fired = true
            const runKey = `${rule.id}:${id}:${periodKey}`
            // The claim is renewed while the actions run; a process that dies leaves it stale for the redelivery.
            const heartbeat = setInterval(() => void automation.renewFiring(claim.id).catch(() => {}), FIRING_STALE_AFTER_MS / 3)
            heartbeat.unref()
            try {
              const facts = await provideFacts(rule.facts)
              // L5: the subject's group and variant, fixed once per firing. A held-out subject gets no action.
              const exposure = await planExposure({ container, rule, subject, periodKey, triggerKey, event, now, actions: evaluation.actions, trace: report.trace })
              report.exposure = exposure.summary
              if (exposure.arm === "holdout") report.actions.push(...evaluation.actions.map((a) => ({ type: a.type, status: "held_out" as const })))
              for (const [index, action] of exposure.actions.entries()) {
                if (index < claim.actions_done) {
                  // Done by an earlier delivery that died before finishing the rest.
                  report.actions.push({ type: action.type, status: "skipped", detail: { reason: "done by an earlier delivery" } })
                  continue
                }
                try {
                  report.actions.push(
                    await executeAction(action, index, { container, ruleId: rule.id, rule: rule.rule, subject, now, facts, runKey, chainDepth, exposureId: exposure.summary.exposure_id, orderId: orderOf(triggerKey, event), ruleVersion: rule.version, event })
                  )
                } catch (e) {
                  report.actions.push({ type: action.type, status: "failed", error: (e as Error).message })
                }
                // Counted at once, the last one too: a delivery that takes over a dead one's claim skips what is done.
                await automation.renewFiring(claim.id, { actionsDone: index + 1 })
              }
              if (exposure.arm === "treated") await exposure.record(report.actions)
              await automation.completeFiring(claim.id, { actionsDone: exposure.actions.length, run: log ? [runRow(report)] : null })
              logged.add(report)
            } finally {
              clearInterval(heartbeat)
            }
          }
        }
      }
      reports.push(report)
    }
  }
  // The fired runs were written with their firing's completion; the rest (not matched, skipped, dry runs) here.
  const unlogged = reports.filter((r) => !logged.has(r))
  if (log && unlogged.length) await automation.createAutomationRuns(unlogged.map(runRow))
  return reports
}

/** Runs the active rules of a trigger (live): the entry point of subscribers and jobs. */
export async function runActiveRules({
  container,
  triggerKey,
  subjects,
  event,
  eventKey,
  now = clock.now(),
  chainDepth = 0,
}: {
  container: MedusaContainer
  triggerKey: string
  subjects: Subjects
  event: Record<string, unknown>
  eventKey: string
  now?: Date
  chainDepth?: number
}): Promise<RunReport[]> {
  if (chainDepth > MAX_CHAIN_DEPTH) return []
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const index = await automation.activeRuleIndex()
  const rules = index.rulesFor(triggerKey)
  if (!rules.length) return []
  return await runRules({ container, rules, subjects, event, triggerKey, eventKey, now, chainDepth })
}

/** The order an event is about (order events and the plugin's order events), so what it earns follows the order. */
function orderOf(triggerKey: string, event: Record<string, unknown>): string | null {
  if (typeof event.order_id === "string") return event.order_id
  return triggerKey.startsWith("event:order.") && typeof event.id === "string" ? event.id : null
}
