import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { clock } from "../../../../lib/clock"
import { reviewPromoterRiskWorkflow } from "../../../../workflows/compensation/review-promoter-risk"
import type { DecideRiskAssessmentsType } from "../../../validators"

/** Bulk review: each assessment decided on its own (one already decided, or unknown, is refused with its reason). */
export const POST = async (req: AuthenticatedMedusaRequest<DecideRiskAssessmentsType>, res: MedusaResponse) => {
  const { ids, decision, note } = req.validatedBody
  const decided: string[] = []
  const refused: { id: string; message: string }[] = []
  for (const id of ids) {
    try {
      await reviewPromoterRiskWorkflow(req.scope).run({ input: { id, decision, note: note ?? null, now: clock.now() } })
      decided.push(id)
    } catch (error) {
      refused.push({ id, message: (error as Error).message })
    }
  }
  res.json({ decided, refused })
}
