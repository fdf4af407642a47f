import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../../../../modules/promoter"
import type PromoterModuleService from "../../../../../modules/promoter/service"
import { treeNodesWithProfiles } from "../../../../utils/tree"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const promoters = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE)
  await promoters.retrievePromoter(req.params.id, { select: ["id"] })
  const nodes = await promoters.listUpline(req.params.id)
  res.json({ upline: await treeNodesWithProfiles(promoters, nodes) })
}
