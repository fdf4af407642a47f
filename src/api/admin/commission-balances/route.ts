import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { compensationService } from "../../utils/compensation"
import { promoterNames } from "../../utils/promoter-names"
import type { ListBalancesType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, ListBalancesType>, res: MedusaResponse) => {
  const { promoter_id, currency_code } = req.validatedQuery
  const balances = await compensationService(req).balances({ promoterId: promoter_id, currency: currency_code?.toLowerCase() })
  const names = await promoterNames(req, balances.map((b) => b.promoter_id))
  res.json({ balances: balances.map((b) => ({ ...b, promoter: names.get(b.promoter_id) ?? null })) })
}
