// The attribution module's one service: Medusa's CRUD for its models, and the module's jobs composed from one file
// each — the touch queue (touch-queue.ts), touch uniqueness (uniqueness.ts), the daily rollup (rollups.ts), dashboard
// figures (stats.ts), bindings (bindings.ts) and order attribution (order-attribution.ts).
import type { Context, Logger } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { clock } from "../../lib/clock"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"
import { bindCustomer, linkVisitor } from "./bindings"
import CustomerBinding from "./models/customer-binding"
import DailyStat from "./models/daily-stat"
import OrderAttribution from "./models/order-attribution"
import Touch from "./models/touch"
import TouchKey from "./models/touch-key"
import VisitorCustomer from "./models/visitor-customer"
import { recordOrderAttribution, setOrderVolume, type OrderAttributionInput, type RecordedAttribution } from "./order-attribution"
import { bumpDailyStat, touchRollups } from "./rollups"
import { promoterStats, promoterTotals, type PromoterStats, type PromoterTotals } from "./stats"
import { TouchQueue } from "./touch-queue"
import { insertTouches, type NewTouch } from "./touches"
import { markUnique } from "./uniqueness"

export { newTouch, type NewTouch } from "./touches"
export type { StatCounts } from "./rollups"
export type { PromoterStats } from "./stats"
export type { RecordedAttribution } from "./order-attribution"

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
  private readonly touchQueue_: TouchQueue

  constructor(container: InjectedDependencies, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params -- MedusaService's constructor reads its own arguments object
    super(...arguments)
    this.options_ = parsePluginOptions(options)
    this.logger_ = container.logger
    this.touchQueue_ = new TouchQueue({ write: (batch) => this.recordTouches(batch), logger: this.logger_ })
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
    this.touchQueue_.enqueue(touch)
  }

  /** Writes every queued touch. Flushes run one after another, so uniqueness is judged in order. */
  async flushTouches(): Promise<void> {
    return this.touchQueue_.flush()
  }

  /** Writes touches now (the API path for apps and tills, and the flush of the queue), with their rollups. */
  @InjectTransactionManager()
  async recordTouches(touches: NewTouch[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    if (!touches.length) return
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = await markUnique(manager, touches)
    await insertTouches(manager, rows)
    for (const delta of touchRollups(rows, this.options_.storeTimezone)) await bumpDailyStat(manager, delta)
  }

  /** A promoter's dashboard numbers for a date range (days in the store's time zone), read from the daily rollup. */
  @InjectManager()
  async statsFor(
    range: { promoterId: string; from: Date; to: Date; granularity: "day" | "week" | "month" },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PromoterStats> {
    return promoterStats(sharedContext.manager as SqlEntityManager, { ...range, timeZone: this.options_.storeTimezone })
  }

  /** All-time clicks, conversions and attributed revenue of several promoters (the admin's promoter table). */
  @InjectManager()
  async totalsFor(promoterIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<Map<string, PromoterTotals>> {
    return promoterTotals(sharedContext.manager as SqlEntityManager, promoterIds)
  }

  /** Binds a customer who signed up through a promoter's link (first binding wins; idempotent). */
  @InjectManager()
  async bindCustomerAtSignup(
    { email, customerId, promoterId }: { email: string; customerId: string | null; promoterId: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await bindCustomer(sharedContext.manager as SqlEntityManager, {
      email: email.toLowerCase(),
      customerId,
      promoterId,
      source: "signup",
      orderId: null,
      boundAt: clock.wall(),
      months: this.options_.customerBindingMonths,
    })
  }

  /** Remembers that a visitor (device) belongs to a logged-in customer. Idempotent. */
  @InjectManager()
  async linkVisitorToCustomer(
    link: { visitorId: string; customerId: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await linkVisitor(sharedContext.manager as SqlEntityManager, link)
  }

  /** What is left of the order after its settlements (see order-attribution.ts). */
  @InjectManager()
  async setOrderVolume(
    input: { order_id: string; volume: string; gross_volume: string; restore?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await setOrderVolume(sharedContext.manager as SqlEntityManager, input)
  }

  /** Records an order's attribution once, with the customer's binding and the rollup (see order-attribution.ts). */
  @InjectTransactionManager()
  async recordOrderAttribution(input: OrderAttributionInput, @MedusaContext() sharedContext: Context = {}): Promise<RecordedAttribution> {
    return recordOrderAttribution(
      {
        manager: sharedContext.transactionManager as SqlEntityManager,
        find: async (orderId) =>
          (await this.listOrderAttributions({ order_id: orderId }, { select: ["id", "promoter_id", "decided_by", "self_referral"] }, sharedContext))[0],
        create: (row) => this.createOrderAttributions(row, sharedContext),
        timeZone: this.options_.storeTimezone,
        bindingMonths: this.options_.customerBindingMonths,
      },
      input
    )
  }
}

export default AttributionModuleService
