import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { currentPromoterId } from "../../../../utils/current-promoter"
import { promoterStats } from "../../../../utils/stats"
import type { StatsQueryType } from "../../../../validators"

/** The logged-in promoter's own numbers: there is no parameter that could name another promoter. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, StatsQueryType>, res: MedusaResponse) => {
  res.json({ stats: await promoterStats(req, await currentPromoterId(req)) })
}
