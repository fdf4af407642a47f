import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { enrolPromoterWorkflow } from "../../../workflows/promoter/enrol-promoter"
import { compensationService } from "../../utils/compensation"
import { withShareUrls } from "../../utils/share"
import { attributionService } from "../../utils/visitor"
import type { AdminCreatePromoterType, AdminListPromotersType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListPromotersType>, res: MedusaResponse) => {
  const promoters = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const { q, status, tier_id, sponsor_id } = req.validatedQuery
  const filters = {
    ...(q ? { q } : {}),
    ...(status ? { status } : {}),
    ...(tier_id ? { tier_id } : {}),
    ...(sponsor_id ? { sponsor_id } : {}),
  }
  const { skip, take, order } = req.queryConfig.pagination
  const [rows, count] = await promoters.listAndCountPromoters(filters, {
    skip,
    take,
    order: order ?? { created_at: "DESC" },
    relations: ["tier"],
  })
  // The table's columns: sponsor, all-time clicks / conversions / attributed revenue and commission income.
  const ids = rows.map((p) => p.id)
  const sponsorIds = [...new Set(rows.map((p) => p.sponsor_id).filter((id): id is string => !!id))]
  const [totals, income, sponsors] = await Promise.all([
    attributionService(req).totalsFor(ids),
    compensationService(req).balances({ promoterIds: ids }),
    sponsorIds.length ? promoters.listPromoters({ id: sponsorIds }, { select: ["id", "name", "referral_code"], take: sponsorIds.length }) : [],
  ])
  const sponsorById = new Map(sponsors.map((s) => [s.id, s]))
  res.json({
    promoters: rows.map((p) => ({
      ...withShareUrls(req, p),
      sponsor: p.sponsor_id ? sponsorById.get(p.sponsor_id) ?? null : null,
      totals: totals.get(p.id) ?? { clicks: 0, conversions: 0, revenue: [] },
      income: income
        .filter((b) => b.promoter_id === p.id)
        .map(({ currency_code, pending, approved, paid }) => ({ currency_code, pending, approved, paid })),
    })),
    count,
    offset: skip,
    limit: take,
  })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreatePromoterType>, res: MedusaResponse) => {
  const { result } = await enrolPromoterWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ promoter: withShareUrls(req, result) })
}
