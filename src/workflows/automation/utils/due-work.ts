// The time-driven side of automation: due delayed actions, date triggers (birthdays, anniversaries), schedules.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { parseExpression } from "cron-parser"
import { recordExposureOutcomes } from "./exposure"
import { ActionSchema, compileRule, localDate, validateRule, type Action } from "../../../lib/rules-engine"
import { AUTOMATION_MODULE } from "../../../modules/automation"
import type AutomationModuleService from "../../../modules/automation/service"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { executeAction } from "./actions"
import { createFactProvider } from "./facts"
import { runRules, type RunReport } from "./run-rules"
import { runInJobSlot } from "../../../utils/scheduled-job"
import { clock } from "../../../lib/clock"
import { customersWithAnniversary, customersWithBirthday } from "../../../read-models/customers"

/** Runs the delayed actions that are due, once each even with several workers (row locks + a job lock). */
export async function runDueActions(container: MedusaContainer): Promise<number> {
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const locking = container.resolve(Modules.LOCKING)
  let done = 0
  await locking.execute("automation:due-actions", async () => {
    const now = clock.now()
    const due = await automation.claimDueActions({ now, limit: 200 })
    const { storeTimezone } = automation.getOptions()
    // A batch is often many subjects of one rule (a delayed step of a campaign): each rule is read and compiled once.
    const rules = new Map<string, ReturnType<typeof loadRule>>()
    const loadRule = async (id: string) => {
      const rule = await automation.retrieveAutomationRule(id)
      const checked = validateRule(rule.definition)
      if (!checked.ok) throw new Error("the rule is no longer valid")
      return { rule, checked, compiled: compileRule({ id: rule.id, rule: checked.rule }) }
    }
    for (const row of due) {
      try {
        if (!rules.has(row.rule_id)) {
          // A failed read is not kept: the next row of the rule tries again (a passing database error must not fail
          // the whole batch of that rule).
          const loading = loadRule(row.rule_id)
          loading.catch(() => rules.delete(row.rule_id))
          rules.set(row.rule_id, loading)
        }
        const { rule, checked, compiled } = await rules.get(row.rule_id)!
        const action = ActionSchema.parse(row.action) as Action
        const subject = { type: row.subject_type, id: row.subject_id }
        const facts = await createFactProvider({ container, subject, now, timeZone: storeTimezone, seasons: checked.rule.seasons, event: {} })(compiled.facts)
        const context = (row.context ?? {}) as { run_key?: string; chain_depth?: number; exposure_id?: string | null }
        const outcome = await executeAction(action, 0, {
          container,
          ruleId: rule.id,
          rule: checked.rule,
          subject,
          now,
          facts,
          runKey: context.run_key ?? row.unique_key,
          chainDepth: context.chain_depth ?? 0,
          exposureId: context.exposure_id ?? null,
          ruleVersion: rule.version,
        })
        // Level 5: a delayed coupon or bonus counts for the firing that scheduled it.
        // Measuring never fails the action that was taken.
        if (context.exposure_id) {
          await recordExposureOutcomes(container, { exposureId: context.exposure_id, outcomes: [outcome], merge: true }).catch((error) =>
            container.resolve(ContainerRegistrationKeys.LOGGER).error(`insights: delayed action ${row.id} not recorded: ${(error as Error).message}`)
          )
        }
        await automation.createAutomationRuns({
          rule_id: rule.id,
          rule_version: rule.version,
          subject_type: subject.type,
          subject_id: subject.id,
          trigger: { key: "scheduled_action", scheduled_action_id: row.id },
          matched: true,
          fired: true,
          trace: null,
          actions: { list: [outcome] },
          errors: null,
          evaluated_at: now,
        })
        done += 1
      } catch (error) {
        await automation.updateAutomationScheduledActions({ id: row.id, status: "failed", last_error: (error as Error).message })
      }
    }
  })
  return done
}

/** Date triggers for one day: customers' and promoters' birthdays (metadata.birthday) and anniversaries. */
export async function runDateTriggers(container: MedusaContainer, { now }: { now?: Date } = {}): Promise<RunReport[]> {
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const at = now ?? clock.now()
  const index = await automation.activeRuleIndex()
  const { storeTimezone } = automation.getOptions()
  const today = localDate(at, storeTimezone)
  const md = `${String(today.month).padStart(2, "0")}-${String(today.day).padStart(2, "0")}`
  const dayKey = `${today.year}-${md}`
  const reports: RunReport[] = []
  for (const kind of ["birthday", "customer_anniversary", "enrolment_anniversary"] as const) {
    const rules = index.rulesFor(`date:${kind}`)
    if (!rules.length) continue
    for (const subject of await subjectsWithDate(container, kind, md, at)) {
      reports.push(
        ...(await runRules({ container, rules, subjects: subject, event: { date: dayKey, kind }, triggerKey: `date:${kind}`, eventKey: dayKey, now: at }))
      )
    }
  }
  return reports
}

async function subjectsWithDate(container: MedusaContainer, kind: string, md: string, now: Date) {
  const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
  if (kind === "birthday") {
    const customers = await customersWithBirthday(container, { monthDay: md })
    return [
      ...customers.map((id) => ({ customer: id })),
      ...(await promoters.promotersWithBirthday({ monthDay: md })).map((id) => ({ promoter: id })),
    ]
  }
  if (kind === "customer_anniversary") {
    return (await customersWithAnniversary(container, { monthDay: md, now })).map((id) => ({ customer: id }))
  }
  const all = await promoters.listPromoters({ status: "active" }, { select: ["id", "enrolled_at"], take: 100000 })
  return all
    .filter((p) => p.enrolled_at && new Date(p.enrolled_at).toISOString().slice(5, 10) === md && new Date(p.enrolled_at) < new Date(now.getTime() - 300 * 86_400_000))
    .map((p) => ({ promoter: p.id }))
}

export const SCHEDULES_JOB = "promoter-automation-schedules"
/** How far back a run looks for a slot it missed (a store down longer than this skips what came before). */
export const SCHEDULE_CATCH_UP_MS = 24 * 60 * 60_000

/** The minute a schedules run at `now` stands for: its slot in promoter_automation_job_run, and the next run's "from". */
export const scheduleSlot = (now: Date) => new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString()

/**
 * Cron-triggered rules due since the last schedules run that finished: a slot missed while the store was down or
 * while a run failed is run by the next run (the latest missed slot of each cron, once: a store back after three
 * hours does not send three hourly messages at once), as far back as SCHEDULE_CATCH_UP_MS.
 */
export async function runDueSchedules(container: MedusaContainer, { now }: { now: Date }): Promise<RunReport[]> {
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const last = await automation.lastDoneJobSlot({ job: SCHEDULES_JOB })
  const floor = now.getTime() - SCHEDULE_CATCH_UP_MS
  const lastAt = last ? Date.parse(last) : NaN
  // No finished run yet, or one "after" now (a test clock moved back): the last minute.
  const from = Number.isFinite(lastAt) && lastAt <= now.getTime() ? Math.max(lastAt, floor) : now.getTime() - 60_000
  return await runScheduledRules(container, { from: new Date(from), to: now })
}

/**
 * The same as the schedules job's run at `now`, claiming its slot (for the admin's run-due): a slot the job already
 * ran, or is running, is not run again.
 */
export async function runDueSchedulesNow(container: MedusaContainer, { now }: { now: Date }): Promise<RunReport[]> {
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  return (await runInJobSlot(automation, { job: SCHEDULES_JOB, slot: scheduleSlot(now) }, () => runDueSchedules(container, { now }))) ?? []
}

/** Schedule triggers whose cron fired in (from, to]: each rule runs, for the latest such slot, for every subject of its kind. */
export async function runScheduledRules(container: MedusaContainer, { from, to }: { from: Date; to: Date }): Promise<RunReport[]> {
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const index = await automation.activeRuleIndex()
  const { storeTimezone } = automation.getOptions()
  const rows = await automation.listAutomationRules({ status: "active" }, { select: ["id", "trigger_key"], take: 100000 })
  const reports: RunReport[] = []
  for (const key of new Set(rows.map((r) => r.trigger_key).filter((k) => k.startsWith("schedule:")))) {
    const cron = key.slice("schedule:".length)
    const it = parseExpression(cron, { currentDate: from, endDate: to, tz: storeTimezone })
    let slot: Date | null = null
    while (it.hasNext()) slot = it.next().toDate()
    if (!slot) continue
    const rules = index.rulesFor(key)
    const subjects = await allSubjects(container, new Set(rules.map((r) => r.rule.subject)))
    for (const s of subjects) {
      reports.push(
        ...(await runRules({ container, rules, subjects: s, event: { slot: slot.toISOString() }, triggerKey: key, eventKey: slot.toISOString(), now: to }))
      )
    }
  }
  return reports
}

async function allSubjects(container: MedusaContainer, kinds: Set<string>) {
  const out: { customer?: string; promoter?: string }[] = []
  if (kinds.has("promoter")) {
    const promoters = await container
      .resolve<PromoterModuleService>(PROMOTER_MODULE)
      .listPromoters({ status: "active" }, { select: ["id"], take: 100000 })
    out.push(...promoters.map((p) => ({ promoter: p.id })))
  }
  if (kinds.has("customer")) {
    const customers = await container.resolve(Modules.CUSTOMER).listCustomers({}, { select: ["id"], take: 100000 })
    out.push(...customers.map((c) => ({ customer: c.id })))
  }
  return out
}
