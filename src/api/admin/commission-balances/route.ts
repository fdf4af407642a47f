import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { compensationService } from "../../utils/compensation"
import { promoterNames } from "../../utils/promoter-names"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const q = req.query as { promoter_id?: string; currency_code?: string }
  const balances = await compensationService(req).balances({
    promoterId: typeof q.promoter_id === "string" ? q.promoter_id : undefined,
    currency: typeof q.currency_code === "string" ? q.currency_code.toLowerCase() : undefined,
  })
  const names = await promoterNames(req, balances.map((b) => b.promoter_id))
  res.json({ balances: balances.map((b) => ({ ...b, promoter: names.get(b.promoter_id) ?? null })) })
}
