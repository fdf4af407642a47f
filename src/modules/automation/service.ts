import type { Context, Logger } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService, generateEntityId } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { clock } from "../../lib/clock"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"
import { compileRule, RuleIndex, validateRule, type CompiledRule } from "../../lib/rules-engine"
import AutomationBonusAward from "./models/bonus-award"
import AutomationFiring from "./models/firing"
import AutomationJobRun from "./models/job-run"
import AutomationRule from "./models/rule"
import AutomationRun from "./models/run"
import AutomationScheduledAction from "./models/scheduled-action"

type InjectedDependencies = { logger: Logger }

/**
 * SQL over promoter_automation_run: the row is a rule's evaluation for a subject (a firing when `fired`), not the run of an
 * action a firing delayed (those are logged as runs too, with trigger.key "scheduled_action").
 */
const IS_FIRING = `coalesce(trigger->>'key', '') <> 'scheduled_action'`

class AutomationModuleService extends MedusaService({
  AutomationRule,
  AutomationRun,
  AutomationFiring,
  AutomationScheduledAction,
  AutomationBonusAward,
  AutomationJobRun,
}) {
  protected readonly options_: PluginOptions
  protected readonly logger_: Logger
  private index_: RuleIndex | null = null
  private signature_ = ""

  constructor(container: InjectedDependencies, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params -- MedusaService's constructor reads its own arguments object
    super(...arguments)
    this.options_ = parsePluginOptions(options)
    this.logger_ = container.logger
  }

  getOptions(): PluginOptions {
    return this.options_
  }

  /** The plugin's clock (src/lib/clock.ts): real time, unless a test suite moved it (testing.clock option). */
  now(): Date {
    return clock.now()
  }

  setClock(at: Date | null): void {
    if (!this.options_.testing.clock) throw new Error("the plugin's clock can only be moved with the testing.clock option")
    clock.moveTo(at)
  }

  /**
   * The active rules, compiled once per version and indexed by trigger. Every process notices changes made by
   * another through a cheap signature query (count and last update of the rules).
   */
  @InjectManager()
  async activeRuleIndex(@MedusaContext() sharedContext: Context = {}): Promise<RuleIndex> {
    const manager = sharedContext.manager as SqlEntityManager
    const [sig] = await manager.execute(
      `select count(*)::text || ':' || coalesce(max(updated_at)::text, '') as s from promoter_automation_rule
        where status = 'active' and deleted_at is null`
    )
    if (this.index_ && sig.s === this.signature_) return this.index_
    const rows = await this.listAutomationRules({ status: "active" }, { take: 100000 }, sharedContext)
    const compiled: CompiledRule[] = []
    for (const row of rows) {
      const checked = validateRule(row.definition)
      if (!checked.ok) {
        this.logger_.error(`automation rule ${row.id} is invalid and was skipped: ${JSON.stringify(checked.issues)}`)
        continue
      }
      compiled.push(compileRule({ id: row.id, version: row.version, rule: checked.rule }))
    }
    this.index_ = new RuleIndex(compiled)
    this.signature_ = sig.s
    return this.index_
  }

  /** Per rule: runs and firings in the last 30 days and the time of the last run and firing (dry runs excluded). */
  @InjectManager()
  async runSummaries(
    ruleIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Map<string, RunSummary>> {
    const summaries = new Map<string, RunSummary>()
    if (!ruleIds.length) return summaries
    const manager = sharedContext.manager as SqlEntityManager
    const rows: (RunSummary & { rule_id: string })[] = await manager.execute(
      `select rule_id,
              (count(*) filter (where evaluated_at > ?))::int as runs_30d,
              (count(*) filter (where fired and evaluated_at > ? and ${IS_FIRING}))::int as fired_30d,
              max(evaluated_at) as last_run_at,
              max(evaluated_at) filter (where fired and ${IS_FIRING}) as last_fired_at
         from promoter_automation_run where rule_id = any(?::text[]) and not dry_run and deleted_at is null
        group by rule_id`,
      [...Array(2).fill(new Date(this.now().getTime() - 30 * 86_400_000)), `{${ruleIds.join(",")}}`]
    )
    for (const { rule_id, ...summary } of rows) summaries.set(rule_id, summary)
    return summaries
  }

  /** A rule's runs in a time range (dry runs and scheduled actions' runs excluded): evaluations, subjects, matches, firings. */
  @InjectManager()
  async runFunnel(
    { ruleId, from, to }: { ruleId: string; from: Date; to: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RunFunnel> {
    const manager = sharedContext.manager as SqlEntityManager
    const [row]: RunFunnel[] = await manager.execute(
      `select count(*)::int as triggered, count(distinct subject_id)::int as subjects,
              (count(*) filter (where matched))::int as matched, (count(*) filter (where fired))::int as fired
         from promoter_automation_run where rule_id = ? and not dry_run and deleted_at is null and evaluated_at between ? and ? and ${IS_FIRING}`,
      [ruleId, from, to]
    )
    return row
  }

  /** The rules that were evaluated (not dry runs) in a time range. */
  @InjectManager()
  async ruleIdsRunBetween({ from, to }: { from: Date; to: Date }, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { rule_id: string }[] = await manager.execute(
      `select distinct rule_id from promoter_automation_run where not dry_run and deleted_at is null and evaluated_at between ? and ?`,
      [from, to]
    )
    return rows.map((r) => r.rule_id)
  }

  /**
   * Claims "fired in this period" for a rule and subject. Returns the claim, or null when the rule already fired, or
   * another delivery is running its actions right now. A claim that was never completed and has not been renewed for
   * `staleAfterMs` belongs to a process that died mid-way (SIGKILL, crash): the next delivery of the event takes it
   * over and runs the actions that were not done yet (`actions_done`). The claimant renews it while it works
   * (renewFiring), so a slow but live run is never taken over.
   */
  @InjectManager()
  async claimFiring(
    { ruleId, subjectId, periodKey, staleAfterMs = FIRING_STALE_AFTER_MS }: { ruleId: string; subjectId: string; periodKey: string; staleAfterMs?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; actions_done: number } | null> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute(
      `insert into promoter_automation_firing (id, rule_id, subject_id, period_key, claimed_at) values (?, ?, ?, ?, now())
       on conflict (rule_id, subject_id, period_key) where deleted_at is null
       do update set claimed_at = now(), updated_at = now()
        where promoter_automation_firing.completed_at is null
          and promoter_automation_firing.claimed_at < now() - ?::int * interval '1 millisecond'
       returning id, actions_done`,
      [generateEntityId(undefined, "afire"), ruleId, subjectId, periodKey, staleAfterMs]
    )
    return rows[0] ? { id: rows[0].id, actions_done: Number(rows[0].actions_done) } : null
  }

  /** Keeps a claim fresh while its actions run, and records how many are done (completeFiring completes it). */
  @InjectManager()
  async renewFiring(id: string, { actionsDone }: { actionsDone?: number } = {}, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `update promoter_automation_firing set claimed_at = now(), updated_at = now(), actions_done = greatest(actions_done, coalesce(?::int, 0))
        where id = ?`,
      [actionsDone ?? null, id]
    )
  }

  /**
   * Completes a firing and writes its run (the trace of what the actions did) in one transaction: a process killed
   * between the two left a completed firing with no fired run, and the redelivery then logged "already fired" only.
   * Killed before the commit, neither is written and the redelivery takes the stale claim over.
   */
  @InjectTransactionManager()
  async completeFiring(
    id: string,
    { actionsDone, run }: { actionsDone: number; run: Parameters<AutomationModuleService["createAutomationRuns"]>[0] | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (run) await this.createAutomationRuns(run, sharedContext)
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute(
      `update promoter_automation_firing set claimed_at = now(), updated_at = now(), actions_done = greatest(actions_done, ?::int),
              completed_at = now()
        where id = ?`,
      [actionsDone, id]
    )
  }


  /** Stores an action to run later; the unique key makes a repeated schedule harmless. */
  /** Stores delayed actions in one statement, each once per unique key; the ids of the ones this call wrote. */
  @InjectManager()
  async scheduleActions(inputs: ScheduledActionInput[], @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    if (!inputs.length) return []
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { id: string }[] = await manager.execute(
      `insert into promoter_automation_scheduled_action (id, rule_id, subject_type, subject_id, action, context, run_at, unique_key)
       select id, rule_id, subject_type, subject_id, action, context, run_at, unique_key
         from jsonb_to_recordset(?::jsonb) as x(id text, rule_id text, subject_type text, subject_id text, action jsonb, context jsonb, run_at timestamptz, unique_key text)
       on conflict (unique_key) where deleted_at is null do nothing returning id`,
      [JSON.stringify(inputs.map((i) => ({ ...i, id: generateEntityId(undefined, "asched"), run_at: new Date(i.run_at).toISOString() })))]
    )
    return rows.map((r) => r.id)
  }

  /**
   * Takes the due actions for this process: rows are locked with SKIP LOCKED and marked in the same transaction,
   * so two workers never take the same row.
   */
  @InjectTransactionManager()
  async claimDueActions(
    { now, limit = 100 }: { now: Date; limit?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; rule_id: string; subject_type: "customer" | "promoter"; subject_id: string; action: Record<string, unknown>; context: Record<string, unknown> | null; unique_key: string }[]> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    return await manager.execute(
      `update promoter_automation_scheduled_action set attempts = attempts + 1, status = 'done', updated_at = now()
        where id in (select id from promoter_automation_scheduled_action
                      where status = 'pending' and run_at <= ? and deleted_at is null
                      order by run_at limit ? for update skip locked)
        returning id, rule_id, subject_type, subject_id, action, context, unique_key`,
      [now, limit]
    )
  }

  /**
   * Claims a scheduled job's slot: true when this call may do the slot's work (first claim, or the last attempt
   * failed, or it has been `running` for longer than `staleAfterMs`, i.e. its process died).
   */
  @InjectManager()
  async claimJobSlot(
    { job, slot, scheduledFor, staleAfterMs }: { job: string; slot: string; scheduledFor: Date | null; staleAfterMs: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string | null> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute(
      `insert into promoter_automation_job_run (id, job, slot, status, scheduled_for, started_at, attempts)
       values (?, ?, ?, 'running', ?, now(), 1)
       on conflict (job, slot) where deleted_at is null do update
         set status = 'running', started_at = now(), finished_at = null, attempts = promoter_automation_job_run.attempts + 1, updated_at = now()
       where promoter_automation_job_run.status = 'failed'
          or (promoter_automation_job_run.status = 'running' and promoter_automation_job_run.started_at < now() - make_interval(secs => ?))
       returning id`,
      [generateEntityId(undefined, "ajob"), job, slot, scheduledFor, staleAfterMs / 1000]
    )
    return rows.length ? rows[0].id : null
  }

  /** The latest slot of a job that finished without error (slots that are ISO times sort as times). */
  @InjectManager()
  async lastDoneJobSlot({ job }: { job: string }, @MedusaContext() sharedContext: Context = {}): Promise<string | null> {
    const manager = sharedContext.manager as SqlEntityManager
    const [row] = await manager.execute(
      `select max(slot) as slot from promoter_automation_job_run where job = ? and status = 'done' and deleted_at is null`,
      [job]
    )
    return row?.slot ?? null
  }

  /** Ends a claimed job slot: done, or failed with its error (the next run of the job claims it again). */
  @InjectManager()
  async finishJobSlot({ id, error }: { id: string; error: string | null }, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `update promoter_automation_job_run set status = ?, finished_at = now(), last_error = ?, updated_at = now() where id = ?`,
      [error === null ? "done" : "failed", error, id]
    )
  }
}

/**
 * How long an unfinished claim is kept for its claimant without a renewal. Redis-backed workers hand a dead
 * worker's job to another only after its lock expired (BullMQ: 15–60 s), so a redelivery always finds it stale.
 */
/** A delayed action to store: its rule, subject, the action, the firing's context and its due time. */
export type ScheduledActionInput = {
  rule_id: string
  subject_type: "customer" | "promoter"
  subject_id: string
  action: Record<string, unknown>
  context: Record<string, unknown>
  run_at: Date
  /** "<action key>:<index>": stored once. */
  unique_key: string
}

export const FIRING_STALE_AFTER_MS = 10_000

export default AutomationModuleService

export type RunSummary = { runs_30d: number; fired_30d: number; last_run_at: Date | null; last_fired_at: Date | null }
export type RunFunnel = { triggered: number; subjects: number; matched: number; fired: number }
