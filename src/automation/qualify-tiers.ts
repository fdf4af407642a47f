// Tier qualification at period end: personal volume, group volume (whole downline) and active recruits over a
// calendar month, against each tier's criteria. Run by a job on the 1st and on demand.
import type { MedusaContainer } from "@medusajs/framework/types"
import { qualifyingTier, type Figures, type Qualification } from "../lib/compensation/qualification"
import { addDecimal, startOfLocalDay } from "../lib/rules-engine"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type AttributionModuleService from "../modules/attribution/service"
import { PROMOTER_MODULE } from "../modules/promoter"
import type PromoterModuleService from "../modules/promoter/service"
import { updatePromoterWorkflow } from "../workflows/update-promoter"
import { toJsonColumn } from "../lib/casts"

export type QualificationResult = { promoter_id: string; from: string | null; to: string | null; figures: Figures }

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
  const results: QualificationResult[] = []
  for (const p of subjects) {
    const figures = await tierFigures(container, p.id, { start, end })
    const target = qualifyingTier(tiers, figures, p.tier_id ?? null)
    const to = target?.id ?? null
    if (to !== p.tier_id) {
      await updatePromoterWorkflow(container).run({
        input: { id: p.id, tier_id: to, tier_change: { reason: "qualification", period_key: period, figures: toJsonColumn(figures) } },
      })
    }
    results.push({ promoter_id: p.id, from: p.tier_id ?? null, to, figures })
  }
  return results
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
      { select: ["currency_code", "order_total"], take: 1000000 }
    )
    for (const r of rows) out[r.currency_code] = addDecimal(out[r.currency_code] ?? "0", String(r.order_total))
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
