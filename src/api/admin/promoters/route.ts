import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { enrolPromoterWorkflow } from "../../../workflows/enrol-promoter"
import { withShareUrls } from "../../utils/share"
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
  res.json({ promoters: rows.map((p) => withShareUrls(req, p)), count, offset: skip, limit: take })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreatePromoterType>, res: MedusaResponse) => {
  const { result } = await enrolPromoterWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ promoter: withShareUrls(req, result) })
}
