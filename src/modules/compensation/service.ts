import type { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService, generateEntityId } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { commissionAmount } from "../../lib/compensation/commissions"
import { compareDecimal, subtractDecimal } from "../../lib/money"
import { netOf, type TakingBack } from "../../lib/compensation/settlement"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"
import CommissionEntry from "./models/entry"
import Payout from "./models/payout"
import PayoutMethod from "./models/payout-method"
import PayoutRequest from "./models/payout-request"
import CommissionPlan from "./models/plan"
import TierChange from "./models/tier-change"
import { toBigNumberColumn } from "../../lib/casts"
import { nullableRawNumberSql, rawNumberSql } from "../../lib/raw-columns"
import type { PayoutLineResult } from "./providers/types"

export type WrittenEntry = { id: string; promoter_id: string; kind: NewEntry["kind"]; created: boolean }

export type NewEntry = {
  source_key: string
  kind: "commission" | "reversal" | "bonus"
  status: "pending" | "approved"
  promoter_id: string
  order_id: string | null
  level: number | null
  rate_bps: number | null
  base: string | null
  amount: string
  currency_code: string
  reverses_entry_id: string | null
  hold_until: Date | null
  note: string | null
  hold_reason?: string | null
  /** A bonus's review context (see the model). */
  context?: Record<string, unknown> | null
}

export type Balance = { promoter_id: string; currency_code: string; pending: string; approved: string; paid: string }

class CompensationModuleService extends MedusaService({ CommissionPlan, CommissionEntry, Payout, PayoutMethod, PayoutRequest, TierChange }) {
  protected readonly options_: PluginOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params -- MedusaService's constructor reads its own arguments object
    super(...arguments)
    this.options_ = parsePluginOptions(options)
  }

  getOptions(): PluginOptions {
    return this.options_
  }

  /** The plan, created with defaults on first use. */
  @InjectManager()
  async getPlan(@MedusaContext() sharedContext: Context = {}) {
    const [plan] = await this.listCommissionPlans({}, { take: 1 }, sharedContext)
    if (plan) return plan
    const manager = sharedContext.manager as SqlEntityManager
    const d = this.options_.commissionPlan
    await manager.execute(
      `insert into promoter_commission_plan (id, max_depth, compression, hold_days, base)
       select 'cplan_default', ?, ?, ?, ?
       where not exists (select 1 from promoter_commission_plan where deleted_at is null)
       on conflict (id) do nothing`,
      [d.maxDepth, d.compression, d.holdDays, d.base]
    )
    const [created] = await this.listCommissionPlans({}, { take: 1 }, sharedContext)
    return created
  }

  /**
   * Writes entries; ones whose source_key already exists are left as they are. Returns every entry asked for, with
   * `created` telling which were written now.
   */
  @InjectManager()
  async writeEntries(
    entries: NewEntry[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<WrittenEntry[]> {
    // Inside a caller's transaction (settleOrder holds the order's lock in one), write in that transaction.
    const manager = (sharedContext.transactionManager ?? sharedContext.manager) as SqlEntityManager
    const written: WrittenEntry[] = []
    for (const e of entries) {
      const rows = await manager.execute(
        `insert into promoter_commission_entry (id, source_key, kind, status, promoter_id, order_id, level, rate_bps, base, raw_base,
            amount, raw_amount, currency_code, reverses_entry_id, hold_until, note, hold_reason, context)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, ${nullableRawNumberSql("?::text")},
            ?::numeric, ${rawNumberSql("?::text")}, ?, ?, ?, ?, ?, ?::jsonb)
         on conflict (source_key) where deleted_at is null do nothing returning id`,
        [
          generateEntityId(undefined, "centry"),
          e.source_key,
          e.kind,
          e.status,
          e.promoter_id,
          e.order_id,
          e.level,
          e.rate_bps,
          e.base,
          e.base,
          e.base,
          e.amount,
          e.amount,
          e.currency_code,
          e.reverses_entry_id,
          e.hold_until,
          e.note,
          e.hold_reason ?? null,
          e.context ? JSON.stringify(e.context) : null,
        ]
      )
      if (rows.length) {
        written.push({ id: rows[0].id, promoter_id: e.promoter_id, kind: e.kind, created: true })
        continue
      }
      const [existing] = await manager.execute(
        "select id, promoter_id, kind from promoter_commission_entry where source_key = ? and deleted_at is null",
        [e.source_key]
      )
      if (existing) written.push({ id: existing.id, promoter_id: existing.promoter_id, kind: existing.kind, created: false })
    }
    return written
  }

  /** Pending entries whose hold has passed become approved: the entries it approved. */
  @InjectManager()
  async approveDue({ now }: { now: Date }, @MedusaContext() sharedContext: Context = {}): Promise<DecidedEntry[]> {
    const manager = sharedContext.manager as SqlEntityManager
    return await manager.execute(
      `update promoter_commission_entry set status = 'approved', updated_at = now()
        where status = 'pending' and hold_reason is null and deleted_at is null and (hold_until is null or hold_until <= ?)
          and not exists (select 1 from promoter_commission_entry p where p.id = promoter_commission_entry.reverses_entry_id and p.status = 'rejected')
        returning ${decidedColumns("")}, null as hold_reason`,
      [now]
    )
  }

  /** Entries of an order held for a reason (pending, not paid out): their ids. */
  @InjectManager()
  async heldEntriesOfOrder({ orderId, reason }: { orderId: string; reason: string }, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { id: string }[] = await manager.execute(
      "select id from promoter_commission_entry where order_id = ? and hold_reason = ? and status = 'pending' and deleted_at is null order by id",
      [orderId, reason]
    )
    return rows.map((r) => r.id)
  }

  /** Sets or clears the hold reason of pending entries (a review released them, or its compensation holds them again). */
  @InjectManager()
  async setHoldReason({ ids, reason }: { ids: string[]; reason: string | null }, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    if (!ids.length) return
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      "update promoter_commission_entry set hold_reason = ?, updated_at = now() where id = any(?::text[]) and status = 'pending' and deleted_at is null",
      [reason, `{${ids.join(",")}}`]
    )
  }

  /**
   * Takes decisions back (a workflow's compensation): entries approved or rejected by that run and not paid out since
   * are pending again, with the hold reason they had.
   */
  @InjectManager()
  async reopenEntries(entries: { id: string; hold_reason: string | null }[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    if (!entries.length) return
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `update promoter_commission_entry e set status = 'pending', hold_reason = x.hold_reason, updated_at = now()
         from jsonb_to_recordset(?::jsonb) as x(id text, hold_reason text)
        where e.id = x.id and e.status in ('approved', 'rejected') and e.payout_id is null and e.deleted_at is null`,
      [JSON.stringify(entries.map(({ id, hold_reason }) => ({ id, hold_reason })))]
    )
  }

  /**
   * Brings every entry of an order to what the order is worth now: a commission to rate × what is left of the base it
   * was written on (rounded once), a bonus the order earned to nothing once nothing is left of the order's volume.
   * Only reversals are written, keyed by the transition (entry, from, to), under a lock on the order: whatever the
   * number and order of the cancel, return and refund events and their redeliveries, an entry's net is a function of
   * the order's state.
   */
  @InjectTransactionManager()
  async settleOrder(
    { order_id, taking, volume, cause }: { order_id: string; taking: TakingBack; volume: string; cause: SettleCause },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<WrittenEntry[]> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute("select pg_advisory_xact_lock(hashtext(?))", [`commission-order:${order_id}`])
    const rows: (SettleRow & { net: string })[] = await manager.execute(
      `select e.id, e.kind, e.status, e.promoter_id, e.level, e.rate_bps, e.currency_code, e.hold_until,
              e.hold_reason, trim_scale(e.base)::text as base, trim_scale(e.amount + coalesce(r.reversed, 0))::text as net
         from promoter_commission_entry e
         left join lateral (select sum(x.amount) as reversed from promoter_commission_entry x
                             where x.reverses_entry_id = e.id and x.kind = 'reversal' and x.deleted_at is null) r on true
        where e.order_id = ? and e.kind in ('commission', 'bonus') and e.status <> 'rejected' and e.deleted_at is null
        order by e.id
        for update of e`,
      [order_id]
    )
    const reversals: NewEntry[] = []
    for (const row of rows) {
      const base = row.kind === "bonus" ? volume : netOf(row.base ?? "0", taking)
      const target = settledAmount(row, base)
      if (compareDecimal(target, row.net) >= 0) continue
      reversals.push({
        // Keyed by the transition: under the lock a state is left once, so a redelivery (same state) writes nothing.
        source_key: `reversal:${cause}:${row.id}:${row.net}>${target}`,
        kind: "reversal",
        // Reversing an approved or paid entry is payable at once: after a payout it leaves a negative balance that
        // the next payout carries. A held entry's reversal waits with it.
        status: row.status === "pending" ? "pending" : "approved",
        promoter_id: row.promoter_id,
        order_id,
        level: row.level,
        rate_bps: row.rate_bps,
        base,
        amount: subtractDecimal(target, row.net),
        currency_code: row.currency_code,
        reverses_entry_id: row.id,
        hold_until: row.hold_until,
        note: cause,
        hold_reason: row.status === "pending" ? row.hold_reason : null,
      })
    }
    return await this.writeEntries(reversals, sharedContext)
  }

  /**
   * An admin's decision on a pending entry; its pending reversals follow it. The entries decided, each with the hold
   * reason it had (so the decision can be taken back); null when the entry is no longer pending.
   */
  @InjectTransactionManager()
  async decideEntry(
    { id, status }: { id: string; status: "approved" | "rejected" },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<DecidedEntry[] | null> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const decide = (where: string) =>
      manager.execute(
        `with before as (
           select id, hold_reason from promoter_commission_entry where ${where} and status = 'pending' and deleted_at is null for update
         )
         update promoter_commission_entry e set status = ?, hold_reason = null, updated_at = now()
           from before where e.id = before.id
         returning ${decidedColumns("e.")}, before.hold_reason`,
        [id, status]
      ) as Promise<DecidedEntry[]>
    const [entry] = await decide("id = ?")
    if (!entry) return null
    return [entry, ...(await decide("reverses_entry_id = ?"))]
  }

  /**
   * Payouts whose lines do not add up to their entries, and paid entries outside a paid payout (the reconciliation
   * report's payout half).
   */
  @InjectManager()
  async payoutDifferences(@MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as SqlEntityManager
    const lines: { payout_id: string; currency_code: string; expected: string; actual: string }[] = await manager.execute(
      `select p.id as payout_id, p.currency_code,
              trim_scale(coalesce((select sum((l->>'amount')::numeric) from jsonb_array_elements(p.lines->'list') l), 0))::text as expected,
              trim_scale(coalesce((select sum(e.amount) from promoter_commission_entry e where e.payout_id = p.id and e.deleted_at is null), 0))::text as actual
         from promoter_commission_payout p where p.deleted_at is null`
    )
    const strays: { entry_id: string; promoter_id: string; currency_code: string; payout_id: string | null; actual: string }[] = await manager.execute(
      `select e.id as entry_id, e.promoter_id, e.currency_code, e.payout_id, coalesce(p.status, 'none') as actual
         from promoter_commission_entry e left join promoter_commission_payout p on p.id = e.payout_id and p.deleted_at is null
        where e.status = 'paid' and e.deleted_at is null and (p.id is null or p.status <> 'paid')`
    )
    return [
      ...lines
        .filter((l) => compareDecimal(l.expected, l.actual) !== 0)
        .map((l) => ({ cause: "payout_lines_differ" as const, payout_id: l.payout_id, currency_code: l.currency_code, expected: l.expected, actual: l.actual })),
      ...strays.map((s) => ({
        cause: "paid_outside_paid_payout" as const,
        entry_id: s.entry_id,
        promoter_id: s.promoter_id,
        currency_code: s.currency_code,
        payout_id: s.payout_id ?? undefined,
        expected: "paid",
        actual: s.actual,
      })),
    ]
  }

  /** Balances per promoter and currency: pending, approved (payable; reversals of paid entries lower it), paid. */
  @InjectManager()
  async balances(
    { promoterId, promoterIds, currency }: { promoterId?: string; promoterIds?: string[]; currency?: string } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Balance[]> {
    const manager = sharedContext.manager as SqlEntityManager
    if (promoterIds && !promoterIds.length) return []
    const where = [
      "deleted_at is null",
      ...(promoterId ? ["promoter_id = ?"] : []),
      ...(promoterIds ? ["promoter_id = any(?::text[])"] : []),
      ...(currency ? ["currency_code = ?"] : []),
    ]
    return await manager.execute(
      `select promoter_id, currency_code,
              trim_scale(coalesce(sum(amount) filter (where status = 'pending'), 0))::text as pending,
              trim_scale(coalesce(sum(amount) filter (where status = 'approved'), 0))::text as approved,
              trim_scale(coalesce(sum(amount) filter (where status = 'paid'), 0))::text as paid
         from promoter_commission_entry where ${where.join(" and ")}
        group by promoter_id, currency_code order by promoter_id, currency_code`,
      [...(promoterId ? [promoterId] : []), ...(promoterIds ? [`{${promoterIds.join(",")}}`] : []), ...(currency ? [currency] : [])]
    )
  }

  /**
   * Income per period (day/week/month of the entry's date in `timeZone`) and currency, split by the entries' status
   * now: what a promoter earned when, and how much of it is still held, payable or paid. Rejected entries are left out.
   */
  @InjectManager()
  async incomeSeries(
    { promoterId, fromDay, toDay, granularity, timeZone }: {
      promoterId: string
      fromDay: string
      toDay: string
      granularity: "day" | "week" | "month"
      timeZone: string
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ period: string; currency_code: string; pending: string; approved: string; paid: string }[]> {
    const manager = sharedContext.manager as SqlEntityManager
    return await manager.execute(
      `select to_char(date_trunc(?, (created_at at time zone ?)::date), 'YYYY-MM-DD') as period, currency_code,
              trim_scale(coalesce(sum(amount) filter (where status = 'pending'), 0))::text as pending,
              trim_scale(coalesce(sum(amount) filter (where status = 'approved'), 0))::text as approved,
              trim_scale(coalesce(sum(amount) filter (where status = 'paid'), 0))::text as paid
         from promoter_commission_entry
        where promoter_id = ? and deleted_at is null and status <> 'rejected'
          and (created_at at time zone ?)::date between ?::date and ?::date
        group by 1, 2 order by 1, 2`,
      [granularity, timeZone, promoterId, timeZone, fromDay, toDay]
    )
  }

  /**
   * Creates a payout batch for one currency: every promoter whose approved balance reaches the minimum. The entries
   * are locked (`for update`), the lines are summed from exactly those rows and exactly those ids are attached, in one
   * transaction: an entry approved (or a reversal written) meanwhile is in both the lines and the entries, or in
   * neither, so a payout's lines always add up to its entries, and an entry is in at most one payout.
   */
  @InjectTransactionManager()
  async createPayoutBatch(
    { currency, minimum, provider_id = "manual", promoter_id }: {
      currency: string
      minimum: string
      /** Whose promoters it pays: their method's provider (manual: also promoters without a method). */
      provider_id?: string
      /** Only this promoter (an approved payout request). */
      promoter_id?: string
    },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute("select pg_advisory_xact_lock(hashtext(?))", [`commission-payout:${currency}`])
    const method = `coalesce((select m.provider_id from promoter_payout_method m where m.promoter_id = e.promoter_id and m.deleted_at is null), 'manual')`
    const balances: { promoter_id: string; amount: string; entry_ids: string[] }[] = await manager.execute(
      `with locked as (
         select e.id, e.promoter_id, e.amount from promoter_commission_entry e
          where e.status = 'approved' and e.payout_id is null and e.currency_code = ? and e.deleted_at is null and ${method} = ?
            and (?::text is null or e.promoter_id = ?)
          for update of e
       )
       select promoter_id, trim_scale(sum(amount))::text as amount, array_agg(id order by id) as entry_ids
         from locked group by promoter_id order by promoter_id`,
      [currency, provider_id, promoter_id ?? null, promoter_id ?? null]
    )
    const payable = balances.filter((b) => compareDecimal(b.amount, minimum) >= 0 && compareDecimal(b.amount, "0") > 0)
    if (!payable.length) return null
    // A draft's lines are just what they pay; sending gives each its status, key and reference.
    const lines = payable.map(({ promoter_id, amount }) => ({ promoter_id, amount }))
    const ids = payable.flatMap((b) => b.entry_ids)
    const total = await manager.execute(`select trim_scale(sum(x))::text as t from unnest(?::numeric[]) x`, [
      `{${lines.map((l) => l.amount).join(",")}}`,
    ])
    const payout = await this.createPayouts(
      { currency_code: currency, provider_id, total: toBigNumberColumn(total[0].t), lines: { list: lines, failed: [] } },
      sharedContext
    )
    const attached = await manager.execute(
      `update promoter_commission_entry set payout_id = ?, updated_at = now() where id = any(?::text[]) and payout_id is null returning id`,
      [payout.id, `{${ids.join(",")}}`]
    )
    if (attached.length !== ids.length) {
      // The rows are locked by this transaction: anything else is a bug, and the payout must not be written.
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Payout ${payout.id}: ${attached.length} of ${ids.length} entries attached`)
    }
    return payout
  }

  /**
   * Marks a manual payout (draft, or processing: handed to the admin) and its entries paid, once: the payout row is
   * locked, so of concurrent calls the first wins and the others get a conflict (409) and change nothing. A payout
   * through another provider is paid by executing it, never by hand.
   */
  @InjectTransactionManager()
  async markPayoutPaid(
    { id, reference, now }: { id: string; reference: string | null; /** The plugin's clock. */ now: Date },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const payout = await lockPayout(manager, id)
    if (payout.status === "paid") throw new MedusaError(MedusaError.Types.CONFLICT, `Payout ${id} is already paid`)
    if (payout.provider_id !== "manual" || !["draft", "processing"].includes(payout.status)) {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Payout ${id} is ${payout.status} through ${payout.provider_id}: execute it instead`)
    }
    const lines = payout.lines.list.map((l) => ({ ...l, status: "paid" as const, reference, error: null }))
    await manager.execute(
      `update promoter_commission_payout set status = 'paid', paid_at = ?, reference = ?, error = null, lines = ?::jsonb, updated_at = now() where id = ?`,
      [now, reference, JSON.stringify({ ...payout.lines, list: lines }), id]
    )
    await manager.execute(`update promoter_commission_entry set status = 'paid', updated_at = now() where payout_id = ? and deleted_at is null`, [id])
    return await this.retrievePayout(id, {}, sharedContext)
  }

  /**
   * Starts (or resumes) sending a payout: under the payout's lock, every line not yet settled is recorded as
   * "sending" with its idempotency key (one per payout and promoter, the same on every retry) BEFORE anything reaches
   * the provider, and the payout is processing. Returns the lines to send ("sending") and to ask about ("pending").
   */
  @InjectTransactionManager()
  async beginPayoutSend(id: string, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const payout = await lockPayout(manager, id)
    if (!["draft", "processing"].includes(payout.status)) {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Payout ${id} is ${payout.status}: nothing left to send`)
    }
    const list = payout.lines.list.map((l) =>
      l.status === "paid" || l.status === "pending" ? l : { ...l, status: "sending" as const, idempotency_key: payoutLineKey(id, l.promoter_id) }
    )
    await manager.execute(
      `update promoter_commission_payout set status = 'processing', lines = ?::jsonb, updated_at = now() where id = ?`,
      [JSON.stringify({ ...payout.lines, list }), id]
    )
    return {
      id,
      provider_id: payout.provider_id,
      currency_code: payout.currency_code,
      lines: list.filter((l) => l.status === "sending" || l.status === "pending").map((l) => ({ ...l, idempotency_key: payoutLineKey(id, l.promoter_id) })),
    }
  }

  /**
   * Records what the provider answered, under the payout's lock: a paid line's entries are paid; a failed line leaves
   * the payout (its entries are approved and unattached again, so a later payout can take them; the line is kept in
   * `failed` with its error); a pending line waits with its reference. Only lines still sending or pending change, so
   * recording the same answer twice changes nothing. The payout is paid, partially_failed or failed once no line is
   * left to settle; `error` is the sending's own failure (e.g. a timeout), shown until a retry settles it.
   */
  @InjectTransactionManager()
  async recordPayoutResults(
    { id, results, error, now }: { id: string; results: PayoutLineResult[]; error: string | null; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const payout = await lockPayout(manager, id)
    const byPromoter = new Map(results.map((r) => [r.promoter_id, r]))
    const list: PayoutLine[] = []
    const failed = [...(payout.lines.failed ?? [])]
    for (const line of payout.lines.list) {
      const result = byPromoter.get(line.promoter_id)
      if (!result || (line.status !== "sending" && line.status !== "pending")) {
        list.push(line)
        continue
      }
      if (result.status === "failed") {
        failed.push({ ...line, status: "failed", reference: result.reference, error: result.error })
        await manager.execute(
          `update promoter_commission_entry set payout_id = null, updated_at = now() where payout_id = ? and promoter_id = ? and status = 'approved' and deleted_at is null`,
          [id, line.promoter_id]
        )
        continue
      }
      list.push({ ...line, status: result.status, reference: result.reference, error: result.error })
      if (result.status === "paid") {
        await manager.execute(
          `update promoter_commission_entry set status = 'paid', updated_at = now() where payout_id = ? and promoter_id = ? and deleted_at is null`,
          [id, line.promoter_id]
        )
      }
    }
    const open = list.some((l) => l.status !== "paid")
    const status = open ? "processing" : !list.length ? "failed" : failed.length ? "partially_failed" : "paid"
    const [{ t: total }] = await manager.execute(`select coalesce(trim_scale(sum(x)), 0)::text as t from unnest(?::numeric[]) x`, [
      `{${list.map((l) => l.amount).join(",")}}`,
    ])
    await manager.execute(
      `update promoter_commission_payout set status = ?, lines = ?::jsonb, total = ?::numeric, raw_total = jsonb_build_object('value', ?::text, 'precision', 20),
              error = ?, paid_at = case when ? then ? else paid_at end, updated_at = now() where id = ?`,
      [status, JSON.stringify({ list, failed }), total, total, open ? error : null, status === "paid" || status === "partially_failed", now, id]
    )
    return await this.retrievePayout(id, {}, sharedContext)
  }

  /** A promoter's payout method, secrets included (for sending; answer it through payoutMethodView). */
  @InjectManager()
  async payoutMethodsOf(promoterIds: string[], @MedusaContext() sharedContext: Context = {}) {
    if (!promoterIds.length) return []
    return await this.listPayoutMethods({ promoter_id: promoterIds }, {}, sharedContext)
  }

  /** Sets a promoter's one payout method (details already validated by its provider). */
  @InjectTransactionManager()
  async setPayoutMethod(
    { promoter_id, provider_id, details }: { promoter_id: string; provider_id: string; details: Record<string, unknown> },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute(
      `insert into promoter_payout_method (id, promoter_id, provider_id, details) values (?, ?, ?, ?::jsonb)
       on conflict (promoter_id) where deleted_at is null do update set provider_id = excluded.provider_id, details = excluded.details, updated_at = now()`,
      [generateEntityId(undefined, "pmeth"), promoter_id, provider_id, JSON.stringify(details)]
    )
    const [method] = await this.listPayoutMethods({ promoter_id }, {}, sharedContext)
    return method
  }

  /**
   * A promoter asks to be paid their approved balance in a currency: refused (400) below the minimum, a conflict (409)
   * while one is open (the unique index decides between two at once).
   */
  @InjectTransactionManager()
  async requestPayout(
    { promoter_id, currency, minimum }: { promoter_id: string; currency: string; minimum: string },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [{ amount }] = await manager.execute(
      `select trim_scale(coalesce(sum(amount), 0))::text as amount from promoter_commission_entry
        where promoter_id = ? and currency_code = ? and status = 'approved' and payout_id is null and deleted_at is null`,
      [promoter_id, currency]
    )
    if (compareDecimal(amount, "0") <= 0 || compareDecimal(amount, minimum) < 0) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Your approved ${currency} balance (${amount}) is below the minimum payout (${minimum})`)
    }
    const rows = await manager.execute(
      `insert into promoter_payout_request (id, promoter_id, currency_code, amount, raw_amount) values (?, ?, ?, ?::numeric, jsonb_build_object('value', ?::text, 'precision', 20))
       on conflict (promoter_id, currency_code) where status = 'requested' and deleted_at is null do nothing returning id`,
      [generateEntityId(undefined, "preq"), promoter_id, currency, amount, amount]
    )
    if (!rows.length) throw new MedusaError(MedusaError.Types.CONFLICT, `A ${currency} payout is already requested`)
    return await this.retrievePayoutRequest(rows[0].id, {}, sharedContext)
  }

  /** Decides an open request, once (a decided one is a conflict); `undo` puts a decision back (a compensation). */
  @InjectTransactionManager()
  async decidePayoutRequest(
    { id, status, payout_id, now }: { id: string; status: "approved" | "rejected" | "requested"; payout_id: string | null; now: Date | null },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const from = status === "requested" ? "status <> 'requested'" : "status = 'requested'"
    const rows = await manager.execute(
      `update promoter_payout_request set status = ?, payout_id = ?, decided_at = ?, updated_at = now() where id = ? and ${from} and deleted_at is null returning id`,
      [status, payout_id, now, id]
    )
    if (!rows.length && status !== "requested") {
      await this.retrievePayoutRequest(id, { select: ["id"] }, sharedContext)
      throw new MedusaError(MedusaError.Types.CONFLICT, `Payout request ${id} is already decided`)
    }
    return await this.retrievePayoutRequest(id, {}, sharedContext)
  }

  /** The payout an approved request made. */
  @InjectManager()
  async notePayoutOfRequest({ id, payout_id }: { id: string; payout_id: string }, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(`update promoter_payout_request set payout_id = ?, updated_at = now() where id = ? and status = 'approved'`, [payout_id, id])
    return await this.retrievePayoutRequest(id, {}, sharedContext)
  }

  /**
   * A promoter's statement: the entries of their paid payouts (one payout, or the payouts paid in a year), each with
   * its payout, kind, level, date and amount; never the orders behind them.
   */
  @InjectManager()
  async statement(
    { promoter_id, payout_id, year }: { promoter_id: string; payout_id?: string; year?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ payout_id: string; paid_at: Date; entry_id: string; kind: string; level: number | null; created_at: Date; currency_code: string; amount: string }[]> {
    const manager = sharedContext.manager as SqlEntityManager
    return await manager.execute(
      `select p.id as payout_id, p.paid_at, e.id as entry_id, e.kind, e.level, e.created_at, e.currency_code, trim_scale(e.amount)::text as amount
         from promoter_commission_entry e join promoter_commission_payout p on p.id = e.payout_id and p.deleted_at is null
        where e.promoter_id = ? and e.status = 'paid' and e.deleted_at is null
          and (?::text is null or p.id = ?) and (?::int is null or extract(year from p.paid_at at time zone ?)::int = ?)
        order by p.paid_at, p.id, e.created_at, e.id`,
      [promoter_id, payout_id ?? null, payout_id ?? null, year ?? null, this.options_.storeTimezone, year ?? null]
    )
  }

  /**
   * Undoes a payout batch that was just made (a workflow's compensation): its entries are approved and unattached
   * again and the payout is removed. A payout sent or paid meanwhile is left as it is.
   */
  @InjectTransactionManager()
  async cancelPayoutBatch(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [draft] = await manager.execute(
      "select id from promoter_commission_payout where id = ? and status = 'draft' and deleted_at is null for update",
      [id]
    )
    if (!draft) return
    await manager.execute("update promoter_commission_entry set payout_id = null, updated_at = now() where payout_id = ? and status = 'approved'", [id])
    await manager.execute("delete from promoter_commission_payout where id = ?", [id])
  }

  /** Takes a manual payout's "paid" back (a workflow's compensation): the payout is a draft and its entries approved again. */
  @InjectTransactionManager()
  async reopenPayout(id: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [paid] = await manager.execute(
      "select lines from promoter_commission_payout where id = ? and status = 'paid' and provider_id = 'manual' and deleted_at is null for update",
      [id]
    )
    if (!paid) return
    const list = (paid.lines as PayoutLines).list.map((l) => ({ ...l, status: "draft", reference: null }))
    await manager.execute(
      `update promoter_commission_payout set status = 'draft', paid_at = null, reference = null, lines = ?::jsonb, updated_at = now() where id = ?`,
      [JSON.stringify({ ...(paid.lines as PayoutLines), list }), id]
    )
    await manager.execute("update promoter_commission_entry set status = 'approved', updated_at = now() where payout_id = ? and status = 'paid' and deleted_at is null", [id])
  }
}

/** One promoter's line of a payout, with where its sending stands. */
export type PayoutLine = {
  promoter_id: string
  amount: string
  status: "draft" | "sending" | "pending" | "paid" | "failed"
  reference: string | null
  error: string | null
  idempotency_key?: string
}
export type PayoutLines = { list: PayoutLine[]; failed?: PayoutLine[] }

/** The idempotency key of a promoter's line: the same on every retry of the payout, so a provider pays it once. */
export const payoutLineKey = (payoutId: string, promoterId: string) => `${payoutId}:${promoterId}`

async function lockPayout(manager: SqlEntityManager, id: string) {
  const [row] = await manager.execute(
    "select id, status, provider_id, currency_code, lines from promoter_commission_payout where id = ? and deleted_at is null for update",
    [id]
  )
  if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payout with id: ${id} was not found`)
  const lines = row.lines as PayoutLines
  // A draft's lines (and payouts made before providers) have no status: drafts, or paid with their payout.
  const list = lines.list.map((l) => ({ ...l, status: l.status ?? (row.status === "paid" ? "paid" : "draft"), reference: l.reference ?? null, error: l.error ?? null }))
  return { ...row, lines: { list, failed: lines.failed ?? [] } } as { id: string; status: string; provider_id: string; currency_code: string; lines: Required<PayoutLines> }
}

/** An entry an approval or a decision changed, with the hold reason it had before. */
export type DecidedEntry = { id: string; kind: string; status: string; promoter_id: string; order_id: string | null; amount: string; currency_code: string; hold_reason: string | null }
const decidedColumns = (t: string) =>
  `${t}id, ${t}kind, ${t}status, ${t}promoter_id, ${t}order_id, trim_scale(${t}amount)::text as amount, ${t}currency_code`

/** What made an order worth less: its cancel, a return, a refund, or the commissions' own first settlement. */
export type SettleCause = "cancel" | "return" | "refund" | "placed"

type SettleRow = {
  id: string
  kind: "commission" | "bonus"
  status: string
  promoter_id: string
  level: number | null
  rate_bps: number | null
  currency_code: string
  hold_until: Date | null
  hold_reason: string | null
  base: string | null
}

/** What an order's entry is worth when what is left of its base is `base` (for a bonus: the order's volume). */
function settledAmount(row: SettleRow & { net: string }, base: string): string {
  if (row.kind === "bonus") return compareDecimal(base, "0") > 0 ? row.net : "0"
  return commissionAmount({ base, rateBps: row.rate_bps ?? 0, currency: row.currency_code })
}

export default CompensationModuleService
