import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answerConflict } from "../../../../utils/answer-conflict"
import { rejectPromoterPayoutRequestWorkflow } from "../../../../../workflows/compensation/decide-payout-request"

/** Rejects a payout request, once. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  try {
    const { result } = await rejectPromoterPayoutRequestWorkflow(req.scope).run({ input: { id: req.params.id } })
    res.json({ payout_request: result })
  } catch (error) {
    if (!answerConflict(error, res)) throw error
  }
}
