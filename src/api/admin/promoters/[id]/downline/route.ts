import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../../../../modules/promoter"
import type PromoterModuleService from "../../../../../modules/promoter/service"
import type { DownlineQueryType } from "../../../../validators"
import { treeNodesWithProfiles } from "../../../../utils/tree"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, DownlineQueryType>, res: MedusaResponse) => {
  const promoters = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE)
  await promoters.retrievePromoter(req.params.id, { select: ["id"] })
  const nodes = await promoters.listDownline(req.params.id, { depth: req.validatedQuery.depth })
  res.json({ downline: await treeNodesWithProfiles(promoters, nodes), depth: req.validatedQuery.depth })
}
