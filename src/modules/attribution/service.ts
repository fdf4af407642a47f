import type { Context, Logger } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService, generateEntityId } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"
import { dayInZone } from "../../lib/time"
import CustomerBinding from "./models/customer-binding"
import DailyStat from "./models/daily-stat"
import OrderAttribution from "./models/order-attribution"
import Touch from "./models/touch"
import TouchKey from "./models/touch-key"
import VisitorCustomer from "./models/visitor-customer"
import { toBigNumberColumn } from "../../lib/casts"

export type NewTouch = {
  promoter_id: string
  link_id: string | null
  code: string
  channel: "web" | "mobile" | "social" | "email" | "chat" | "qr" | "in_store"
  source: "link" | "api" | "invitation"
  utm_source: string | null
  utm_medium: string | null
  utm_campaign: string | null
  utm_term: string | null
  utm_content: string | null
  referrer_host: string | null
  device: "desktop" | "mobile" | "tablet" | "unknown"
  visitor_id: string | null
  customer_id: string | null
  email: string | null
  ip_hash: string | null
  occurred_at: Date
  /** The visitor id was made for this touch (no cookie came with it): it has no earlier touches to look up. */
  new_visitor?: boolean
}

/** A touch with every field the caller does not know left empty (device "unknown", now): name only what you know. */
export function newTouch(fields: Pick<NewTouch, "promoter_id" | "code" | "channel" | "source"> & Partial<NewTouch>): NewTouch {
  return {
    link_id: null,
    utm_source: null,
    utm_medium: null,
    utm_campaign: null,
    utm_term: null,
    utm_content: null,
    referrer_host: null,
    device: "unknown",
    visitor_id: null,
    customer_id: null,
    email: null,
    ip_hash: null,
    occurred_at: new Date(),
    ...fields,
  }
}

export type StatCounts = {
  clicks?: number
  unique_clicks?: number
  invitations?: number
  conversions?: number
  revenue?: string
}

const UNIQUE_WINDOW_MS = 3_600_000
/** The columns a batch of touches writes, with their SQL types (json_to_recordset needs them). */
const TOUCH_COLUMNS = [
  ["id", "text"], ["promoter_id", "text"], ["link_id", "text"], ["code", "text"], ["channel", "text"], ["source", "text"],
  ["utm_source", "text"], ["utm_medium", "text"], ["utm_campaign", "text"], ["utm_term", "text"], ["utm_content", "text"],
  ["referrer_host", "text"], ["device", "text"], ["visitor_id", "text"], ["customer_id", "text"], ["email", "text"],
  ["ip_hash", "text"], ["is_unique", "boolean"], ["occurred_at", "timestamptz"],
] as const
const INSERT_TOUCHES = `insert into promoter_touch (${TOUCH_COLUMNS.map(([name]) => name).join(", ")})
  select ${TOUCH_COLUMNS.map(([name]) => name).join(", ")}
    from json_to_recordset(?::json) as t(${TOUCH_COLUMNS.map(([name, type]) => `${name} ${type}`).join(", ")})`

const FLUSH_DELAY_MS = 200
const FLUSH_SIZE = 500
const MAX_BUFFER = 50_000

type InjectedDependencies = { logger: Logger }

class AttributionModuleService extends MedusaService({
  Touch,
  CustomerBinding,
  OrderAttribution,
  VisitorCustomer,
  DailyStat,
  TouchKey,
}) {
  protected readonly options_: PluginOptions
  protected readonly logger_: Logger
  private buffer_: NewTouch[] = []
  private timer_: NodeJS.Timeout | null = null
  private flushing_: Promise<void> = Promise.resolve()

  constructor(container: InjectedDependencies, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params -- MedusaService's constructor reads its own arguments object
    super(...arguments)
    this.options_ = parsePluginOptions(options)
    this.logger_ = container.logger
  }

  __hooks = {
    // Touches waiting in memory are written before the process stops.
    onApplicationPrepareShutdown: async () => this.flushTouches(),
    onApplicationShutdown: async () => this.flushTouches(),
  }

  getOptions(): PluginOptions {
    return this.options_
  }

  /**
   * Queues a touch and returns at once: short-link redirects never wait for the database. Touches are written in
   * batches (every 200 ms or 500 touches) and on shutdown.
   */
  enqueueTouch(touch: NewTouch): void {
    if (this.buffer_.length >= MAX_BUFFER) {
      this.logger_.warn("promoter touches: buffer full, dropping a touch")
      return
    }
    this.buffer_.push(touch)
    if (this.buffer_.length >= FLUSH_SIZE) {
      void this.flushTouches()
    } else if (!this.timer_) {
      this.timer_ = setTimeout(() => void this.flushTouches(), FLUSH_DELAY_MS)
      this.timer_.unref()
    }
  }

  /** Writes every queued touch. Flushes run one after another, so uniqueness is judged in order. */
  async flushTouches(): Promise<void> {
    if (this.timer_) {
      clearTimeout(this.timer_)
      this.timer_ = null
    }
    this.flushing_ = this.flushing_.then(async () => {
      const batch = this.buffer_.splice(0)
      if (batch.length) await this.writeQueued_(batch)
    })
    return this.flushing_
  }

  /** Writes a batch from the queue; never throws (the flush chain must go on), requeues what it could not write. */
  private async writeQueued_(batch: NewTouch[]): Promise<void> {
    let result: { unwritten: NewTouch[]; failure: unknown }
    try {
      await this.recordTouches(batch)
      return
    } catch (error) {
      result = { unwritten: batch, failure: error }
    }
    if (isDataError(result.failure)) {
      // PostgreSQL refused a value (a NUL byte, a value outside a check): retrying the same batch would fail for
      // ever and hold back every later touch, so the batch is written touch by touch and only bad ones dropped.
      result = await this.recordOneByOne_(batch)
      if (!result.unwritten.length) return
    }
    this.logger_.error(`promoter touches: could not write ${result.unwritten.length} touches, will retry: ${briefly(result.failure)}`)
    this.buffer_.unshift(...result.unwritten.slice(0, MAX_BUFFER - this.buffer_.length))
    if (!this.timer_) {
      this.timer_ = setTimeout(() => void this.flushTouches(), 5000)
      this.timer_.unref()
    }
  }

  /** Writes touches one at a time, dropping those refused for their data; stops at any other error. */
  private async recordOneByOne_(batch: NewTouch[]): Promise<{ unwritten: NewTouch[]; failure: unknown }> {
    for (let i = 0; i < batch.length; i++) {
      try {
        await this.recordTouches([batch[i]])
      } catch (error) {
        if (!isDataError(error)) return { unwritten: batch.slice(i), failure: error }
        this.logger_.warn(`promoter touches: dropped a touch of promoter ${batch[i].promoter_id} that the database refused: ${briefly(error)}`)
      }
    }
    return { unwritten: [], failure: null }
  }

  /** Writes touches now (the API path for apps and tills, and the flush of the queue), with their rollups. */
  @InjectTransactionManager()
  async recordTouches(touches: NewTouch[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    if (!touches.length) return
    const manager = sharedContext.transactionManager as SqlEntityManager
    const sorted = [...touches].sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime())
    const visitors = [...new Set(sorted.filter((t) => !t.new_visitor).map((t) => t.visitor_id).filter((v): v is string => !!v))]
    const lastSeen = new Map<string, number>()
    if (visitors.length) {
      const since = new Date(sorted[0].occurred_at.getTime() - UNIQUE_WINDOW_MS)
      const rows: { visitor_id: string; promoter_id: string; link_id: string; last: Date }[] = await manager.execute(
        `select visitor_id, promoter_id, coalesce(link_id, '') as link_id, max(occurred_at) as last
           from promoter_touch where deleted_at is null and visitor_id in (${visitors.map(() => "?").join(", ")})
            and occurred_at >= ?
          group by 1, 2, 3`,
        [...visitors, since]
      )
      for (const r of rows) lastSeen.set(`${r.visitor_id}|${r.promoter_id}|${r.link_id}`, new Date(r.last).getTime())
    }
    const rows = sorted.map((t) => {
      let is_unique = true
      if (t.visitor_id && t.source !== "invitation") {
        const key = `${t.visitor_id}|${t.promoter_id}|${t.link_id ?? ""}`
        const previous = lastSeen.get(key)
        is_unique = previous === undefined || t.occurred_at.getTime() - previous >= UNIQUE_WINDOW_MS
        if (is_unique) lastSeen.set(key, t.occurred_at.getTime())
      }
      return { ...t, is_unique }
    })
    // One INSERT per batch from a JSON array (json_to_recordset): the ORM's per-entity work is too slow for the
    // redirect path, and one parameter instead of 19 per row costs both Node and PostgreSQL less CPU than a VALUES list.
    for (let i = 0; i < rows.length; i += 1000) {
      await manager.execute(INSERT_TOUCHES, [JSON.stringify(rows.slice(i, i + 1000).map(touchRow))])
    }

    const counts = new Map<string, { promoter_id: string; day: string; channel: string } & Required<Omit<StatCounts, "revenue">>>()
    for (const r of rows) {
      const day = dayInZone(r.occurred_at, this.options_.storeTimezone)
      const key = `${r.promoter_id}|${day}|${r.channel}`
      const c = counts.get(key) ?? { promoter_id: r.promoter_id, day, channel: r.channel, clicks: 0, unique_clicks: 0, invitations: 0, conversions: 0 }
      if (r.source === "invitation") c.invitations += 1
      else {
        c.clicks += 1
        if (r.is_unique) c.unique_clicks += 1
      }
      counts.set(key, c)
    }
    for (const c of counts.values()) {
      await this.bumpDailyStat_(manager, { ...c, currency_code: "" })
    }
  }

  /** Adds to one rollup row (promoter, day, channel, currency), creating it on first use. */
  async bumpDailyStat_(
    manager: SqlEntityManager,
    c: { promoter_id: string; day: string; channel: string; currency_code: string } & StatCounts
  ): Promise<void> {
    const revenue = c.revenue ?? "0"
    await manager.execute(
      `insert into promoter_daily_stat
         (id, promoter_id, day, channel, currency_code, clicks, unique_clicks, invitations, conversions, revenue, raw_revenue)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, jsonb_build_object('value', ?::text, 'precision', 20))
       on conflict (promoter_id, day, channel, currency_code) where deleted_at is null do update set
         clicks = promoter_daily_stat.clicks + excluded.clicks,
         unique_clicks = promoter_daily_stat.unique_clicks + excluded.unique_clicks,
         invitations = promoter_daily_stat.invitations + excluded.invitations,
         conversions = promoter_daily_stat.conversions + excluded.conversions,
         revenue = promoter_daily_stat.revenue + excluded.revenue,
         raw_revenue = jsonb_build_object('value', (promoter_daily_stat.revenue + excluded.revenue)::text, 'precision', 20),
         updated_at = now()`,
      [
        generateEntityId(undefined, "pds"),
        c.promoter_id,
        c.day,
        c.channel,
        c.currency_code,
        c.clicks ?? 0,
        c.unique_clicks ?? 0,
        c.invitations ?? 0,
        c.conversions ?? 0,
        revenue,
        revenue,
      ]
    )
  }

  /**
   * A promoter's dashboard numbers for a date range (days in the store's time zone), read from the daily rollup:
   * a few rows per day whatever the number of touches.
   */
  @InjectManager()
  async statsFor(
    { promoterId, from, to, granularity }: { promoterId: string; from: Date; to: Date; granularity: "day" | "week" | "month" },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PromoterStats> {
    const manager = sharedContext.manager as SqlEntityManager
    const fromDay = dayInZone(from, this.options_.storeTimezone)
    const toDay = dayInZone(to, this.options_.storeTimezone)
    const aggregate = (key: string) =>
      manager.execute(
        `select ${key} as key, currency_code, sum(clicks)::text as clicks, sum(unique_clicks)::text as unique_clicks,
                sum(invitations)::text as invitations, sum(conversions)::text as conversions, trim_scale(sum(revenue))::text as revenue
           from promoter_daily_stat
          where promoter_id = ? and day >= ? and day <= ? and deleted_at is null
          group by 1, 2 order by 1, 2`,
        [promoterId, fromDay, toDay]
      ) as Promise<StatRow[]>
    const periodKey = `to_char(date_trunc('${granularity}', day::date), 'YYYY-MM-DD')`
    const [overall, byChannel, series, seriesByChannel] = await Promise.all([
      aggregate("''"),
      aggregate("channel"),
      aggregate(periodKey),
      aggregate(`${periodKey} || '|' || channel`),
    ])
    const n = (v: string) => Number(v)
    const totals = { clicks: 0, unique_clicks: 0, invitations: 0, conversions: 0 }
    const channels = new Map<string, { channel: string; clicks: number; unique_clicks: number; conversions: number }>()
    for (const r of byChannel) {
      totals.clicks += n(r.clicks)
      totals.unique_clicks += n(r.unique_clicks)
      totals.invitations += n(r.invitations)
      totals.conversions += n(r.conversions)
      const c = channels.get(r.key) ?? { channel: r.key, clicks: 0, unique_clicks: 0, conversions: 0 }
      c.clicks += n(r.clicks)
      c.unique_clicks += n(r.unique_clicks)
      c.conversions += n(r.conversions)
      channels.set(r.key, c)
    }
    const periods = new Map<string, PromoterStats["series"][number]>()
    for (const r of series) {
      const p = periods.get(r.key) ?? { period: r.key, clicks: 0, unique_clicks: 0, invitations: 0, conversions: 0, revenue: [] }
      p.clicks += n(r.clicks)
      p.unique_clicks += n(r.unique_clicks)
      p.invitations += n(r.invitations)
      p.conversions += n(r.conversions)
      if (r.currency_code) p.revenue.push({ currency_code: r.currency_code, amount: r.revenue })
      periods.set(r.key, p)
    }
    for (const r of seriesByChannel) {
      const [period, channel] = r.key.split("|")
      const p = periods.get(period)
      if (!p) continue
      const c = (p.by_channel ??= {})[channel] ?? { clicks: 0, conversions: 0 }
      c.clicks += n(r.clicks)
      c.conversions += n(r.conversions)
      p.by_channel[channel] = c
    }
    return {
      range: { from: fromDay, to: toDay, granularity },
      totals: {
        ...totals,
        conversion_rate: totals.unique_clicks ? Math.round((totals.conversions / totals.unique_clicks) * 10000) / 10000 : null,
      },
      revenue: overall.filter((r) => r.currency_code).map((r) => ({ currency_code: r.currency_code, amount: r.revenue })),
      by_channel: [...channels.values()],
      series: [...periods.values()],
    }
  }

  /** All-time clicks, conversions and attributed revenue of several promoters (the admin's promoter table). */
  @InjectManager()
  async totalsFor(
    promoterIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Map<string, { clicks: number; conversions: number; revenue: { currency_code: string; amount: string }[] }>> {
    const totals = new Map<string, { clicks: number; conversions: number; revenue: { currency_code: string; amount: string }[] }>()
    if (!promoterIds.length) return totals
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { promoter_id: string; currency_code: string | null; clicks: string; conversions: string; revenue: string | null }[] =
      await manager.execute(
        `select promoter_id, currency_code, sum(clicks)::text as clicks, sum(conversions)::text as conversions,
                trim_scale(sum(revenue))::text as revenue
           from promoter_daily_stat where promoter_id = any(?::text[]) and deleted_at is null
          group by 1, 2`,
        [`{${promoterIds.join(",")}}`]
      )
    for (const r of rows) {
      const t = totals.get(r.promoter_id) ?? { clicks: 0, conversions: 0, revenue: [] }
      t.clicks += Number(r.clicks)
      t.conversions += Number(r.conversions)
      if (r.currency_code && r.revenue) t.revenue.push({ currency_code: r.currency_code, amount: r.revenue })
      totals.set(r.promoter_id, t)
    }
    return totals
  }

  /** Binds a customer who signed up through a promoter's link (first binding wins; idempotent). */
  @InjectManager()
  async bindCustomerAtSignup(
    { email, customerId, promoterId }: { email: string; customerId: string | null; promoterId: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.manager as SqlEntityManager
    const now = new Date()
    const months = this.options_.customerBindingMonths
    const expires = months ? new Date(now) : null
    if (expires && months) expires.setUTCMonth(expires.getUTCMonth() + months)
    await manager.execute(
      `insert into promoter_customer_binding (id, email, customer_id, promoter_id, source, order_id, bound_at, expires_at)
       values (?, ?, ?, ?, 'signup', null, ?, ?)
       on conflict (email) where deleted_at is null do nothing`,
      [generateEntityId(undefined, "pbind"), email.toLowerCase(), customerId, promoterId, now, expires]
    )
  }

  /** Remembers that a visitor (device) belongs to a logged-in customer. Idempotent. */
  @InjectManager()
  async linkVisitorToCustomer(
    { visitorId, customerId }: { visitorId: string; customerId: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `insert into promoter_visitor_customer (id, visitor_id, customer_id) values (?, ?, ?)
       on conflict (visitor_id, customer_id) where deleted_at is null do nothing`,
      [generateEntityId(undefined, "pvc"), visitorId, customerId]
    )
  }

  /**
   * What is left of the order (see the model), set by the order's settlement: its volume, and its total less the
   * same share (volume / gross volume) taken back. Settlements only take back, so by default a volume only goes
   * down: a settlement that read the order before another one finished cannot put back what the other took.
   * `restore` sets it as given (undoing a settlement).
   */
  @InjectManager()
  async setOrderVolume(
    { order_id, volume, gross_volume, restore = false }: { order_id: string; volume: string; gross_volume: string; restore?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `update promoter_order_attribution
          set volume = v.volume, raw_volume = jsonb_build_object('value', v.volume::text, 'precision', 20),
              net_total = v.net_total, raw_net_total = jsonb_build_object('value', v.net_total::text, 'precision', 20), updated_at = now()
         from (select n.volume,
                      case when ?::numeric > 0 then trim_scale(round(n.order_total * n.volume / ?::numeric, 12)) else 0 end as net_total
                 from (select a.order_total, case when ? or a.volume is null then ?::numeric else least(a.volume, ?::numeric) end as volume
                         from promoter_order_attribution a where a.order_id = ? and a.deleted_at is null) n) v
        where order_id = ? and deleted_at is null`,
      [gross_volume, gross_volume, restore, volume, volume, order_id, order_id]
    )
  }

  /**
   * Records an order's attribution once: under a per-order lock, the existing row wins. A new attributed order
   * also binds the customer (first binding wins) and adds to the dashboard rollup, in the same transaction.
   */
  @InjectTransactionManager()
  async recordOrderAttribution(
    input: {
      order_id: string
      promoter_id: string | null
      decided_by: "coupon" | "cart_referral" | "customer_binding" | "touch" | "none" | "self_referral_denied"
      winning_touch_id: string | null
      channel: string | null
      self_referral: boolean
      customer_id: string | null
      email: string | null
      currency_code: string
      order_total: string
      volume: string
      candidates: Record<string, unknown>[]
      placed_at: Date
    },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<RecordedAttribution> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute("select pg_advisory_xact_lock(hashtext(?))", [`promoter-order-attribution:${input.order_id}`])
    const [existing] = await this.listOrderAttributions(
      { order_id: input.order_id },
      { select: ["id", "promoter_id", "decided_by", "self_referral"] },
      sharedContext
    )
    if (existing) {
      return { created: false, id: existing.id, promoter_id: existing.promoter_id, decided_by: existing.decided_by, self_referral: existing.self_referral }
    }
    const row = await this.createOrderAttributions(
      {
        ...input,
        order_total: toBigNumberColumn(input.order_total),
        volume: toBigNumberColumn(input.volume),
        placed_volume: toBigNumberColumn(input.volume),
        net_total: toBigNumberColumn(input.order_total),
        candidates: { list: input.candidates },
      },
      sharedContext
    )
    if (input.promoter_id) {
      if (input.email) {
        const months = this.options_.customerBindingMonths
        const expires = months ? new Date(input.placed_at.getTime()) : null
        if (expires && months) expires.setUTCMonth(expires.getUTCMonth() + months)
        await manager.execute(
          `insert into promoter_customer_binding (id, email, customer_id, promoter_id, source, order_id, bound_at, expires_at)
           values (?, ?, ?, ?, 'order', ?, ?, ?)
           on conflict (email) where deleted_at is null do nothing`,
          [generateEntityId(undefined, "pbind"), input.email, input.customer_id, input.promoter_id, input.order_id, input.placed_at, expires]
        )
      }
      await this.bumpDailyStat_(manager, {
        promoter_id: input.promoter_id,
        day: dayInZone(input.placed_at, this.options_.storeTimezone),
        channel: input.channel ?? "web",
        currency_code: input.currency_code,
        conversions: 1,
        revenue: input.order_total,
      })
    }
    return { created: true, id: row.id, promoter_id: input.promoter_id, decided_by: input.decided_by, self_referral: input.self_referral }
  }
}

/** The order's one attribution: just written, or found (a redelivered order.placed), with its stored decision. */
export type RecordedAttribution = {
  created: boolean
  id: string
  promoter_id: string | null
  decided_by: string
  self_referral: boolean
}

export type PromoterStats = {
  range: { from: string; to: string; granularity: "day" | "week" | "month" }
  totals: { clicks: number; unique_clicks: number; invitations: number; conversions: number; conversion_rate: number | null }
  revenue: { currency_code: string; amount: string }[]
  by_channel: { channel: string; clicks: number; unique_clicks: number; conversions: number }[]
  series: {
    period: string
    clicks: number
    unique_clicks: number
    invitations: number
    conversions: number
    revenue: { currency_code: string; amount: string }[]
    /** Clicks and conversions of the period per channel (web, qr, social…). */
    by_channel?: Record<string, { clicks: number; conversions: number }>
  }[]
}

type StatRow = {
  key: string
  currency_code: string
  clicks: string
  unique_clicks: string
  invitations: string
  conversions: string
  revenue: string
}

export default AttributionModuleService

/**
 * Refused for the row, not for the connection: SQLSTATE classes 22 (data exception) and 23 (integrity constraint
 * violation), also as Medusa's repository reports not-null, unique and foreign-key violations (a MedusaError of type
 * invalid_data or not_found, without the SQLSTATE).
 */
function isDataError(error: unknown): boolean {
  const { code, type } = (error ?? {}) as { code?: unknown; type?: unknown }
  return (typeof code === "string" && /^2[23]/.test(code)) || type === MedusaError.Types.INVALID_DATA || type === MedusaError.Types.NOT_FOUND
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * A touch as one JSON row. Text is made well-formed first (a lone UTF-16 surrogate, e.g. a tag cut in the middle of an
 * emoji, becomes U+FFFD): PostgreSQL's json parser refuses the `\ud83d` escape JSON.stringify would write for it.
 */
function touchRow(touch: NewTouch & { is_unique: boolean }): Record<string, unknown> {
  const row: Record<string, unknown> = { id: generateEntityId(undefined, "tch") }
  for (const [name] of TOUCH_COLUMNS) {
    if (name === "id") continue
    const value = (touch as Record<string, unknown>)[name]
    row[name] = typeof value === "string" ? value.replace(LONE_SURROGATE, "\uFFFD") : value
  }
  return row
}

/** The end of an error message (where PostgreSQL's reason is): a failed batch's SQL would otherwise fill the log. */
function briefly(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.length > 300 ? `…${message.slice(-300)}` : message
}
