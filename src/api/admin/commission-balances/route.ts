import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { compensationService } from "../../utils/compensation"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const q = req.query as { promoter_id?: string; currency_code?: string }
  res.json({
    balances: await compensationService(req).balances({
      promoterId: typeof q.promoter_id === "string" ? q.promoter_id : undefined,
      currency: typeof q.currency_code === "string" ? q.currency_code.toLowerCase() : undefined,
    }),
  })
}
