import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { compensationService } from "../../utils/compensation"
import { promoterNames } from "../../utils/promoter-names"
import type { ListCommissionsType } from "../../validators"

/** The ledger, filtered by promoter, order and status; each entry with its promoter's name and code. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, ListCommissionsType>, res: MedusaResponse) => {
  const { promoter_id, order_id, status, limit, offset } = req.validatedQuery
  const [entries, count] = await compensationService(req).listAndCountCommissionEntries(
    { ...(promoter_id ? { promoter_id } : {}), ...(order_id ? { order_id } : {}), ...(status ? { status } : {}) },
    { take: limit, skip: offset, order: { created_at: "ASC" } }
  )
  const names = await promoterNames(req, entries.map((e) => e.promoter_id))
  res.json({ commissions: entries.map((e) => ({ ...e, promoter: names.get(e.promoter_id) ?? null })), count, limit, offset })
}
