import type { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { compareDecimal } from "../../lib/rules-engine/decimal"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"
import CommissionEntry from "./models/entry"
import Payout from "./models/payout"
import CommissionPlan from "./models/plan"
import TierChange from "./models/tier-change"
import { toBigNumberColumn } from "../../lib/casts"

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
}

export type Balance = { promoter_id: string; currency_code: string; pending: string; approved: string; paid: string }

class CompensationModuleService extends MedusaService({ CommissionPlan, CommissionEntry, Payout, TierChange }) {
  protected readonly options_: PluginOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params -- MedusaService's constructor reads its own arguments object
    super(...arguments)
    this.options_ = parsePluginOptions(options)
  }

  /** The plan, created with defaults on first use. */
  @InjectManager()
  async getPlan(@MedusaContext() sharedContext: Context = {}) {
    const [plan] = await this.listCommissionPlans({}, { take: 1 }, sharedContext)
    if (plan) return plan
    const manager = sharedContext.manager as SqlEntityManager
    const d = this.options_.commissionPlan
    await manager.execute(
      `insert into commission_plan (id, max_depth, compression, hold_days, base)
       select 'cplan_default', ?, ?, ?, ?
       where not exists (select 1 from commission_plan where deleted_at is null)
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
    const manager = sharedContext.manager as SqlEntityManager
    const written: WrittenEntry[] = []
    for (const e of entries) {
      const rows = await manager.execute(
        `insert into commission_entry (id, source_key, kind, status, promoter_id, order_id, level, rate_bps, base, raw_base,
            amount, raw_amount, currency_code, reverses_entry_id, hold_until, note)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, case when ?::text is null then null else jsonb_build_object('value', ?::text, 'precision', 20) end,
            ?::numeric, jsonb_build_object('value', ?::text, 'precision', 20), ?, ?, ?, ?)
         on conflict (source_key) where deleted_at is null do nothing returning id`,
        [
          `centry_${uid()}`,
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
        ]
      )
      if (rows.length) {
        written.push({ id: rows[0].id, promoter_id: e.promoter_id, kind: e.kind, created: true })
        continue
      }
      const [existing] = await manager.execute(
        "select id, promoter_id, kind from commission_entry where source_key = ? and deleted_at is null",
        [e.source_key]
      )
      if (existing) written.push({ id: existing.id, promoter_id: existing.promoter_id, kind: existing.kind, created: false })
    }
    return written
  }

  /** Pending entries whose hold has passed become approved. */
  @InjectManager()
  async approveDue({ now }: { now: Date }, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute(
      `update commission_entry set status = 'approved', updated_at = now()
        where status = 'pending' and deleted_at is null and (hold_until is null or hold_until <= ?) returning id`,
      [now]
    )
    return rows.length
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
         from commission_entry where ${where.join(" and ")}
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
         from commission_entry
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
    { currency, minimum }: { currency: string; minimum: string },
    @MedusaContext() sharedContext: Context = {}
  ) {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute("select pg_advisory_xact_lock(hashtext(?))", [`commission-payout:${currency}`])
    const balances: { promoter_id: string; amount: string; entry_ids: string[] }[] = await manager.execute(
      `with locked as (
         select id, promoter_id, amount from commission_entry
          where status = 'approved' and payout_id is null and currency_code = ? and deleted_at is null
          for update
       )
       select promoter_id, trim_scale(sum(amount))::text as amount, array_agg(id order by id) as entry_ids
         from locked group by promoter_id order by promoter_id`,
      [currency]
    )
    const payable = balances.filter((b) => compareDecimal(b.amount, minimum) >= 0 && compareDecimal(b.amount, "0") > 0)
    if (!payable.length) return null
    const lines = payable.map(({ promoter_id, amount }) => ({ promoter_id, amount }))
    const ids = payable.flatMap((b) => b.entry_ids)
    const total = await manager.execute(`select trim_scale(sum(x))::text as t from unnest(?::numeric[]) x`, [
      `{${lines.map((l) => l.amount).join(",")}}`,
    ])
    const payout = await this.createPayouts({ currency_code: currency, total: toBigNumberColumn(total[0].t), lines: { list: lines } }, sharedContext)
    const attached = await manager.execute(
      `update commission_entry set payout_id = ?, updated_at = now() where id = any(?::text[]) and payout_id is null returning id`,
      [payout.id, `{${ids.join(",")}}`]
    )
    if (attached.length !== ids.length) {
      // The rows are locked by this transaction: anything else is a bug, and the payout must not be written.
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Payout ${payout.id}: ${attached.length} of ${ids.length} entries attached`)
    }
    return payout
  }

  /**
   * Marks an open payout and its entries paid, once: the payout row is updated only while it is not paid, so of
   * concurrent calls the first wins and the others get a conflict (409) and change nothing.
   */
  @InjectTransactionManager()
  async markPayoutPaid({ id, reference }: { id: string; reference: string | null }, @MedusaContext() sharedContext: Context = {}) {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const updated: { id: string }[] = await manager.execute(
      `update commission_payout set status = 'paid', paid_at = now(), reference = ?, updated_at = now()
        where id = ? and status <> 'paid' and deleted_at is null returning id`,
      [reference, id]
    )
    if (!updated.length) {
      const [existing] = await manager.execute("select status from commission_payout where id = ? and deleted_at is null", [id])
      if (!existing) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payout with id: ${id} was not found`)
      throw new MedusaError(MedusaError.Types.CONFLICT, `Payout ${id} is already paid`)
    }
    await manager.execute(`update commission_entry set status = 'paid', updated_at = now() where payout_id = ? and deleted_at is null`, [id])
    return await this.retrievePayout(id, {}, sharedContext)
  }
}

function uid(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, "").toUpperCase()
}

export default CompensationModuleService
