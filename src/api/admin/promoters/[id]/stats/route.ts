import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../../../../modules/promoter"
import type PromoterModuleService from "../../../../../modules/promoter/service"
import { promoterStats } from "../../../../utils/stats"
import type { StatsQueryType } from "../../../../validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, StatsQueryType>, res: MedusaResponse) => {
  await req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).retrievePromoter(req.params.id, { select: ["id"] })
  res.json({ stats: await promoterStats(req, req.params.id) })
}
