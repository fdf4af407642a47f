import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../../../../modules/promoter"
import type PromoterModuleService from "../../../../../modules/promoter/service"
import { predictionOf } from "../../../../utils/insights"

/** The promoter's month-end forecast and chances of the next goal and tier, with the figures behind them. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).retrievePromoter(req.params.id)
  res.json(await predictionOf(req, { type: "promoter", id: req.params.id }))
}
