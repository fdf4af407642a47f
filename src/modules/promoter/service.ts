import { normaliseEmail, normalisedEmailSql } from "../../lib/attribution/email"
import type { Context } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"
import InvitationQuota from "./models/invitation-quota"
import Promoter from "./models/promoter"
import PromoterLink from "./models/promoter-link"
import Tier from "./models/tier"
import { generateReferralCode, normalizeCode, vanityCodeProblem } from "./utils/codes"
import { clock } from "../../lib/clock"

/** Every sponsor change and enrolment under a sponsor takes this lock, so the tree never gets a cycle. */
const TREE_LOCK_KEY = 727_001

export type TreeNode = { id: string; sponsor_id: string | null; depth: number }

export type ShortLinkTarget = {
  promoter: { id: string; referral_code: string; status: string } | null
  link: { id: string; destination_path: string } | null
}

/** Short links are the hottest path: their targets are cached briefly (other processes see changes within this). */
const SHORT_LINK_TTL_MS = 10_000
const SHORT_LINK_CACHE_MAX = 20_000

class PromoterModuleService extends MedusaService({
  Promoter,
  PromoterTier: Tier,
  PromoterLink,
  PromoterInvitationQuota: InvitationQuota,
}) {
  protected readonly options_: PluginOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params -- MedusaService's constructor reads its own arguments object
    super(...arguments)
    this.options_ = parsePluginOptions(options)
  }

  private shortLinks_ = new Map<string, { at: number; value: ShortLinkTarget }>()

  /** What /r/:code[/:slug] points at, from a short-lived in-process cache. */
  async shortLinkTarget(code: string, slug?: string): Promise<ShortLinkTarget> {
    const key = `${normalizeCode(code)}/${slug?.toLowerCase() ?? ""}`
    const hit = this.shortLinks_.get(key)
    if (hit && clock.elapsedMs() - hit.at < SHORT_LINK_TTL_MS) return hit.value
    const promoter = await this.findByCode(code)
    const link =
      promoter && slug ? (await this.listPromoterLinks({ promoter_id: promoter.id, slug: slug.toLowerCase() }, { take: 1 }))[0] : null
    const value: ShortLinkTarget = {
      promoter: promoter ? { id: promoter.id, referral_code: promoter.referral_code, status: promoter.status } : null,
      link: link ? { id: link.id, destination_path: link.destination_path } : null,
    }
    if (this.shortLinks_.size >= SHORT_LINK_CACHE_MAX) this.shortLinks_.clear()
    this.shortLinks_.set(key, { at: clock.elapsedMs(), value })
    return value
  }

  /** Called by the workflows that change codes, statuses or links, so this process sees the change at once. */
  forgetShortLinks(): void {
    this.shortLinks_.clear()
  }

  /** The validated plugin options. Subscribers and jobs read them here (SubscriberArgs.pluginOptions is empty). */
  getOptions(): PluginOptions {
    return this.options_
  }

  /** A referral code that no promoter has yet (the unique index stays the final guard). */
  @InjectManager()
  async generateUniqueReferralCode(@MedusaContext() sharedContext: Context = {}): Promise<string> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const code = generateReferralCode()
      const taken = await this.listPromoters({ referral_code: code }, { select: ["id"], withDeleted: true }, sharedContext)
      if (!taken.length) return code
    }
    throw new MedusaError(MedusaError.Types.CONFLICT, "Could not find a free referral code; try again")
  }

  /** Validates a vanity code and checks it is free (case-insensitive). Returns it normalized. */
  @InjectManager()
  async assertVanityCodeAvailable(
    raw: string,
    exceptPromoterId?: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string> {
    const problem = vanityCodeProblem(raw)
    if (problem) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `referral_code ${problem}`)
    }
    const code = normalizeCode(raw)
    const taken = await this.listPromoters({ referral_code: code }, { select: ["id"], withDeleted: true }, sharedContext)
    if (taken.some((p) => p.id !== exceptPromoterId)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `referral_code "${code}" is already taken`)
    }
    return code
  }

  /**
   * Takes one of a promoter's invitations for a day, or answers false when `limit` are taken: one statement that
   * inserts the day's counter row or raises it only while it is below the limit, so concurrent invitations cannot
   * overrun it (the row lock serialises them).
   */
  @InjectManager()
  async takeInvitationSlot(
    { promoterId, day, limit }: { promoterId: string; day: string; limit: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    if (limit < 1) return false
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { sent: number }[] = await manager.execute(
      `insert into promoter_invitation_quota (id, promoter_id, day, sent) values (?, ?, ?, 1)
       on conflict (promoter_id, day) where deleted_at is null do update
         set sent = promoter_invitation_quota.sent + 1, updated_at = now()
         where promoter_invitation_quota.sent < ?
       returning sent`,
      [generateEntityId(undefined, "piq"), promoterId, day, limit]
    )
    return rows.length === 1
  }

  /** Gives back a slot taken by takeInvitationSlot (the invitation was not sent). */
  @InjectManager()
  async returnInvitationSlot(
    { promoterId, day }: { promoterId: string; day: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.manager as SqlEntityManager
    await manager.execute(
      `update promoter_invitation_quota set sent = greatest(sent - 1, 0), updated_at = now()
        where promoter_id = ? and day = ? and deleted_at is null`,
      [promoterId, day]
    )
  }

  /** The promoter a store customer is, or null (one at most: unique index on customer_id). */
  @InjectManager()
  async findByCustomer(customerId: string, @MedusaContext() sharedContext: Context = {}) {
    const [promoter] = await this.listPromoters({ customer_id: customerId }, { take: 1 }, sharedContext)
    return promoter ?? null
  }

  /** Finds an active or inactive promoter by code, case-insensitively. */
  /**
   * Claims `period` as the promoter's latest qualified one: false when a newer period was qualified already (an
   * older period must not overwrite its result). Re-running the same period claims it again.
   */
  @InjectManager()
  async claimQualifiedPeriod({ id, period }: { id: string; period: string }, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows = await manager.execute(
      `update promoter set qualified_period = ?, updated_at = now()
        where id = ? and deleted_at is null and (qualified_period is null or qualified_period <= ?) returning id`,
      [period, id, period]
    )
    return rows.length > 0
  }

  /** Promoters whose e-mail is the same person's as `email` (case and "+tag" aside). */
  @InjectManager()
  async findByNormalisedEmail(email: string, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { id: string }[] = await manager.execute(
      `select id from promoter where ${normalisedEmailSql("email")} = ? and deleted_at is null`,
      [normaliseEmail(email)]
    )
    return rows.map((r) => r.id)
  }

  /** Promoters whose metadata.birthday ("YYYY-MM-DD") falls on `monthDay` ("MM-DD"), for the birthday trigger. */
  @InjectManager()
  async promotersWithBirthday({ monthDay }: { monthDay: string }, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { id: string }[] = await manager.execute(
      `select id from promoter where deleted_at is null and substring(metadata->>'birthday' from 6 for 5) = ?`,
      [monthDay]
    )
    return rows.map((r) => r.id)
  }

  @InjectManager()
  async findByCode(code: string, @MedusaContext() sharedContext: Context = {}) {
    const [promoter] = await this.listPromoters({ referral_code: normalizeCode(code) }, { take: 1 }, sharedContext)
    return promoter ?? null
  }

  /**
   * Sets (or clears) a promoter's sponsor under the tree lock, refusing self-sponsorship, inactive sponsors and
   * cycles. Returns the previous sponsor id, so a workflow can undo the move.
   */
  @InjectTransactionManager()
  async moveSponsor(
    { promoterId, sponsorId }: { promoterId: string; sponsorId: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ previous_sponsor_id: string | null }> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute("select pg_advisory_xact_lock(?)", [TREE_LOCK_KEY])
    const promoter = await this.retrievePromoter(promoterId, { select: ["id", "sponsor_id"] }, sharedContext)
    if (sponsorId !== null) {
      await this.assertSponsorAllowed_({ promoterId, sponsorId, manager }, sharedContext)
    }
    await this.updatePromoters({ id: promoterId, sponsor_id: sponsorId }, sharedContext)
    return { previous_sponsor_id: promoter.sponsor_id ?? null }
  }

  /** Checks a sponsor for a new promoter under the tree lock (used by enrolment). */
  @InjectTransactionManager()
  async lockTreeAndCheckSponsor(
    { sponsorId }: { sponsorId: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute("select pg_advisory_xact_lock(?)", [TREE_LOCK_KEY])
    await this.assertSponsorAllowed_({ promoterId: null, sponsorId, manager }, sharedContext)
  }

  private async assertSponsorAllowed_(
    { promoterId, sponsorId, manager }: { promoterId: string | null; sponsorId: string; manager: SqlEntityManager },
    sharedContext: Context
  ) {
    if (promoterId === sponsorId) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "A promoter cannot sponsor themselves")
    }
    const [sponsor] = await this.listPromoters({ id: sponsorId }, { select: ["id", "status"] }, sharedContext)
    if (!sponsor) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Sponsor ${sponsorId} does not exist`)
    }
    if (sponsor.status !== "active") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Sponsor ${sponsorId} is not active (${sponsor.status})`)
    }
    if (promoterId) {
      // The sponsor must not be in the promoter's own downline: walk up from the sponsor.
      const rows: { id: string }[] = await manager.execute(
        `with recursive up as (
           select id, sponsor_id, 1 as depth from promoter where id = ? and deleted_at is null
           union all
           select p.id, p.sponsor_id, up.depth + 1 from promoter p join up on p.id = up.sponsor_id
           where p.deleted_at is null and up.depth < 10000
         ) select id from up where id = ? limit 1`,
        [sponsorId, promoterId]
      )
      if (rows.length) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Moving ${promoterId} under ${sponsorId} would create a cycle: ${sponsorId} is in ${promoterId}'s downline`
        )
      }
    }
  }

  /** The sponsors above a promoter, nearest first (level 1 = direct sponsor). */
  @InjectManager()
  async listUpline(
    promoterId: string,
    { maxDepth = 100 }: { maxDepth?: number } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TreeNode[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: TreeNode[] = await manager.execute(
      `with recursive up as (
         select p.id, p.sponsor_id, 1 as depth from promoter p
           join promoter c on c.sponsor_id = p.id where c.id = ? and p.deleted_at is null
         union all
         select p.id, p.sponsor_id, up.depth + 1 from promoter p join up on p.id = up.sponsor_id
         where p.deleted_at is null and up.depth < ?
       ) select id, sponsor_id, depth from up order by depth`,
      [promoterId, maxDepth]
    )
    return rows.map((r) => ({ ...r, depth: Number(r.depth) }))
  }

  /**
   * The credited promoter and their sponsors, nearest first (distance 0 = the promoter), with status and their tier's
   * commission rates: what commissions are computed from, in one query (the hot path of every attributed order).
   */
  @InjectManager()
  async commissionChain(
    promoterId: string,
    { maxDepth = 20 }: { maxDepth?: number } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ promoter_id: string; distance: number; status: "pending" | "active" | "suspended" | "terminated"; rates_bps: number[] | null }[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { id: string; status: "pending" | "active" | "suspended" | "terminated"; distance: number; rates: unknown }[] = await manager.execute(
      `with recursive up as (
         select p.id, p.sponsor_id, p.status, p.tier_id, 0 as distance from promoter p where p.id = ? and p.deleted_at is null
         union all
         select p.id, p.sponsor_id, p.status, p.tier_id, up.distance + 1 from promoter p join up on p.id = up.sponsor_id
         where p.deleted_at is null and up.distance < ?
       ) select up.id, up.status, up.distance, t.commission_rates_bps as rates
           from up left join promoter_tier t on t.id = up.tier_id and t.deleted_at is null
          order by up.distance`,
      [promoterId, maxDepth]
    )
    return rows.map((r) => ({
      promoter_id: r.id,
      distance: Number(r.distance),
      status: r.status,
      rates_bps: Array.isArray(r.rates) ? r.rates.map(Number) : null,
    }))
  }

  /** How many promoters are below a promoter, per level and status (1 = direct recruits), down to `depth` levels. */
  @InjectManager()
  async downlineCounts(
    promoterId: string,
    { depth = 20 }: { depth?: number } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ level: number; status: string; count: number }[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { level: number; status: string; count: string }[] = await manager.execute(
      `with recursive down as (
         select id, status, 1 as depth from promoter where sponsor_id = ? and deleted_at is null
         union all
         select p.id, p.status, down.depth + 1 from promoter p join down on p.sponsor_id = down.id
         where p.deleted_at is null and down.depth < ?
       ) select depth as level, status, count(*)::text as count from down group by 1, 2 order by 1, 2`,
      [promoterId, depth]
    )
    return rows.map((r) => ({ level: Number(r.level), status: r.status, count: Number(r.count) }))
  }

  /** Everyone below a promoter down to `depth` levels (1 = direct recruits). */
  @InjectManager()
  async listDownline(
    promoterId: string,
    { depth = 3 }: { depth?: number } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<TreeNode[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: TreeNode[] = await manager.execute(
      `with recursive down as (
         select id, sponsor_id, 1 as depth from promoter where sponsor_id = ? and deleted_at is null
         union all
         select p.id, p.sponsor_id, down.depth + 1 from promoter p join down on p.sponsor_id = down.id
         where p.deleted_at is null and down.depth < ?
       ) select id, sponsor_id, depth from down order by depth, id`,
      [promoterId, depth]
    )
    return rows.map((r) => ({ ...r, depth: Number(r.depth) }))
  }
}

export default PromoterModuleService
