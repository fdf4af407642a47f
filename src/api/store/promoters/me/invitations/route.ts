import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { INVITATION_LIMIT_CODE, sendPromoterInvitationWorkflow } from "../../../../../workflows/promoter/send-promoter-invitation"
import { answerMissingChannel } from "../../../../utils/service-unavailable"
import { currentPromoterId } from "../../../../utils/current-promoter"
import type { StoreSendInvitationType } from "../../../../validators"

export const POST = async (req: AuthenticatedMedusaRequest<StoreSendInvitationType>, res: MedusaResponse) => {
  const promoter_id = await currentPromoterId(req)
  try {
    const { result } = await sendPromoterInvitationWorkflow(req.scope).run({ input: { ...req.validatedBody, promoter_id } })
    res.status(201).json({ invitation: result })
  } catch (error) {
    if (answerMissingChannel(error, res)) return
    // The day's limit is a rate limit: 429, like the plugin's other limits (MedusaError has no such type).
    if ((error as { code?: unknown }).code !== INVITATION_LIMIT_CODE) throw error
    res.status(429).json({ type: "too_many_requests", message: (error as Error).message })
  }
}
