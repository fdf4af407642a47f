import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { compensationService } from "../../../../utils/compensation"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const history = await compensationService(req).listTierChanges({ promoter_id: req.params.id }, { order: { created_at: "ASC" } })
  res.json({ tier_history: history })
}
