import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answerConflict } from "../../../../utils/answer-conflict"
import { executePromoterPayoutWorkflow } from "../../../../../workflows/compensation/promoter-payouts"

/**
 * Sends a payout through its provider, or retries one left processing (a timeout, a crash): lines are sent again
 * with the same idempotency keys, so nothing is paid twice. A payout already settled is a 409.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  try {
    const { result: payout } = await executePromoterPayoutWorkflow(req.scope).run({ input: { id: req.params.id } })
    res.json({ payout })
  } catch (error) {
    if (!answerConflict(error, res)) throw error
  }
}
