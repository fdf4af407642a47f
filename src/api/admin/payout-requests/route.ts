import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { compensationService } from "../../utils/compensation"
import { promoterNames } from "../../utils/promoter-names"
import type { ListPayoutRequestsType } from "../../validators"

/** Promoters' payout requests, oldest first (the open ones are the admin's queue), each with its promoter. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, ListPayoutRequestsType>, res: MedusaResponse) => {
  const { status, limit, offset } = req.validatedQuery
  const [requests, count] = await compensationService(req).listAndCountPayoutRequests(status ? { status } : {}, { order: { created_at: "ASC" }, take: limit, skip: offset })
  const names = await promoterNames(req, requests.map((r) => r.promoter_id))
  res.json({ count, limit, offset, payout_requests: requests.map((r) => ({ ...r, promoter: names.get(r.promoter_id) ?? null })) })
}
