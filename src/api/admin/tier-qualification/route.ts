import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { qualifyTiers } from "../../../workflows/compensation/utils/qualify-tiers"
import type { RunQualificationType } from "../../validators"

/** Runs tier qualification for a month now (all active promoters, or the given ones). */
export const POST = async (req: AuthenticatedMedusaRequest<RunQualificationType>, res: MedusaResponse) => {
  const results = await qualifyTiers(req.scope, { period: req.validatedBody.period, promoterIds: req.validatedBody.promoter_ids })
  res.json({ period: req.validatedBody.period, results })
}
