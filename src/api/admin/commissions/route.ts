import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { compensationService } from "../../utils/compensation"
import type { ListCommissionsType } from "../../validators"

/** The ledger, filtered by promoter, order and status. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, ListCommissionsType>, res: MedusaResponse) => {
  const { promoter_id, order_id, status, limit, offset } = req.validatedQuery
  const [entries, count] = await compensationService(req).listAndCountCommissionEntries(
    { ...(promoter_id ? { promoter_id } : {}), ...(order_id ? { order_id } : {}), ...(status ? { status } : {}) },
    { take: limit, skip: offset, order: { created_at: "ASC" } }
  )
  res.json({ commissions: entries, count, limit, offset })
}
