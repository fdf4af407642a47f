import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answerConflict } from "../../../../utils/answer-conflict"
import { approvePromoterPayoutRequestWorkflow } from "../../../../../workflows/compensation/decide-payout-request"

/** Approves a payout request: a draft payout of the promoter's approved balance through their method's provider. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  try {
    const { result } = await approvePromoterPayoutRequestWorkflow(req.scope).run({ input: { id: req.params.id } })
    res.json({ payout_request: result.request, payout: result.payout })
  } catch (error) {
    if (!answerConflict(error, res)) throw error
  }
}
