// Tier qualification at period end: personal volume, group volume (whole downline) and active recruits over a
// calendar month, against each tier's criteria. Run by a job on the 1st and on demand.
import type { MedusaContainer } from "@medusajs/framework/types"
import { qualifyingTier, type Figures, type Qualification } from "../../../lib/compensation/qualification"
import { startOfLocalDay } from "../../../lib/rules-engine"
import { addDecimal } from "../../../lib/money"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { updatePromoterWorkflow } from "../../promoter/update-promoter"
import { toJsonColumn } from "../../../lib/casts"
import { Modules } from "@medusajs/framework/utils"
import { COMPENSATION_MODULE } from "../../../modules/compensation"
import type CompensationModuleService from "../../../modules/compensation/service"

export type QualificationResult = { promoter_id: string; from: string | null; to: string | null; figures: Figures | null; skipped?: string; error?: string }

/** `period` is YYYY-MM in the store's time zone. */
export async function qualifyTiers(
  container: MedusaContainer,
  { period, promoterIds }: { period: string; promoterIds?: string[] }
): Promise<QualificationResult[]> {
  const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const { storeTimezone } = promoters.getOptions()
  const [year, month] = period.split("-").map(Number)
  const start = startOfLocalDay(year, month, 1, storeTimezone)
  const end = startOfLocalDay(year, month + 1, 1, storeTimezone)
  const tiers = (await promoters.listPromoterTiers({}, { take: 1000 })).map((t) => ({
    id: t.id,
    name: t.name,
    rank: t.rank,
    qualification: (t.qualification as Qualification | null) ?? null,
  }))
  if (!tiers.some((t) => t.qualification)) return []
  const subjects = await promoters.listPromoters(
    { status: "active", ...(promoterIds ? { id: promoterIds } : {}) },
    { select: ["id", "tier_id"], take: 100000 }
  )
  const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
  const locking = container.resolve(Modules.LOCKING)
  const results: QualificationResult[] = []
  const qualifyOne = async (id: string) => {
    const [p] = await promoters.listPromoters({ id }, { select: ["id", "tier_id"] })
    if (!p) return
    if (!(await promoters.claimQualifiedPeriod({ id: p.id, period }))) {
      results.push({ promoter_id: p.id, from: p.tier_id ?? null, to: p.tier_id ?? null, figures: null, skipped: "a newer period was qualified" })
      return
    }
    const figures = await tierFigures(container, p.id, { start, end })
    const history = await compensation.listTierChanges(
      { promoter_id: p.id },
      { select: ["from_tier_id", "to_tier_id", "created_at"], order: { created_at: "DESC" }, take: 1000 }
    )
    const target = qualifyingTier(tiers, figures, p.tier_id ?? null, heldBefore(history, p.tier_id ?? null, tiers))
    const to = target?.id ?? null
    if (to !== p.tier_id) {
      await updatePromoterWorkflow(container).run({
        input: { id: p.id, tier_id: to, tier_change: { reason: "qualification", period_key: period, figures: toJsonColumn(figures) } },
      })
    }
    results.push({ promoter_id: p.id, from: p.tier_id ?? null, to, figures })
  }
  for (const subject of subjects) {
    try {
      // One qualification of a promoter at a time; a newer period's result is never overwritten by an older one.
      await locking.execute(`promoter-qualify:${subject.id}`, () => qualifyOne(subject.id), { timeout: 30 })
    } catch (error) {
      // One promoter that fails does not stop the others; the job's run fails and is tried again (idempotent).
      results.push({ promoter_id: subject.id, from: subject.tier_id ?? null, to: subject.tier_id ?? null, figures: null, error: (error as Error).message })
    }
  }
  return results
}

/**
 * The tier held before the promoter earned their way up to `current`: follow the history back through the changes
 * into earned tiers. Undefined when the history does not say (e.g. the tier was set before history was kept).
 */
function heldBefore(
  history: { from_tier_id: string | null; to_tier_id: string | null }[],
  current: string | null,
  tiers: { id: string; qualification: Qualification | null }[]
): string | null | undefined {
  const earned = new Set(tiers.filter((t) => t.qualification).map((t) => t.id))
  let tier = current
  let index = 0
  for (;;) {
    const into = history.findIndex((h, i) => i >= index && h.to_tier_id === tier)
    if (into < 0) return undefined
    const from = history[into].from_tier_id
    if (!from || !earned.has(from)) return from
    tier = from
    index = into + 1
  }
}

/**
 * A promoter's qualification figures for a period: personal volume, group volume (the whole downline) and active
 * recruits (now). Used by qualification at period end and by the promoter portal's tier progress.
 */
export async function tierFigures(
  container: MedusaContainer,
  promoterId: string,
  { start, end }: { start: Date; end: Date }
): Promise<Figures> {
  const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const volume = async (ids: string[]) => {
    const out: Record<string, string> = {}
    if (!ids.length) return out
    const rows = await attribution.listOrderAttributions(
      { promoter_id: ids, placed_at: { $gte: start, $lt: end } },
      { select: ["currency_code", "order_total", "volume"], take: 1000000 }
    )
    // Volume: items after discounts, without tax, less what cancels, returns and refunds took back (the
    // commissions' base); rows from before volumes were kept count their total.
    for (const r of rows) out[r.currency_code] = addDecimal(out[r.currency_code] ?? "0", String(r.volume ?? r.order_total))
    return out
  }
  const downline = await promoters.listDownline(promoterId, { depth: 20 })
  const recruits = await promoters.listPromoters({ sponsor_id: promoterId, status: "active" }, { select: ["id"], take: 100000 })
  return {
    personal_volume: await volume([promoterId]),
    group_volume: await volume(downline.map((d) => d.id)),
    active_recruits: recruits.length,
  }
}
