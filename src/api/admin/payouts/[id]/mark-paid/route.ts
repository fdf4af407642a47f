import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answerConflict } from "../../../../utils/answer-conflict"
import { markPromoterPayoutPaidWorkflow } from "../../../../../workflows/compensation/promoter-payouts"
import type { MarkPayoutPaidType } from "../../../../validators"
import { clock } from "../../../../../lib/clock"

/** Marks a payout paid, once: a payout already paid (by this call's twin a moment ago, too) is a 409. */
export const POST = async (req: AuthenticatedMedusaRequest<MarkPayoutPaidType>, res: MedusaResponse) => {
  try {
    const { result: payout } = await markPromoterPayoutPaidWorkflow(req.scope).run({
      input: { id: req.params.id, reference: req.validatedBody.reference ?? null, now: clock.now() },
    })
    res.json({ payout })
  } catch (error) {
    if (!answerConflict(error, res)) throw error
  }
}
