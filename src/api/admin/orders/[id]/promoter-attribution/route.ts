import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { PROMOTER_MODULE } from "../../../../../modules/promoter"
import type PromoterModuleService from "../../../../../modules/promoter/service"
import { attributionService } from "../../../../utils/visitor"

/** Which promoter got the credit for an order, why, and every candidate that was considered. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const attribution = attributionService(req)
  const [row] = await attribution.listOrderAttributions({ order_id: req.params.id })
  if (!row) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order ${req.params.id} has no attribution yet`)
  const candidates = ((row.candidates as { list?: { promoter_id: string; touch_id?: string | null }[] })?.list ?? [])
  const promoterIds = [...new Set([row.promoter_id, ...candidates.map((c) => c.promoter_id)].filter((id): id is string => !!id))]
  const promoters = await req.scope
    .resolve<PromoterModuleService>(PROMOTER_MODULE)
    .listPromoters({ id: promoterIds }, { select: ["id", "name", "referral_code", "status"] })
  const touchIds = candidates.map((c) => c.touch_id).filter((id): id is string => !!id)
  const touches = touchIds.length ? await attribution.listTouches({ id: touchIds }) : []
  res.json({
    attribution: {
      ...row,
      candidates,
      promoter: promoters.find((p) => p.id === row.promoter_id) ?? null,
      promoters,
      touches,
    },
  })
}
