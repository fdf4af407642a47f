import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendPromoterInvitationWorkflow } from "../../../../../workflows/send-promoter-invitation"
import { currentPromoterId } from "../../../../utils/current-promoter"
import type { StoreSendInvitationType } from "../../../../validators"

export const POST = async (req: AuthenticatedMedusaRequest<StoreSendInvitationType>, res: MedusaResponse) => {
  const { result } = await sendPromoterInvitationWorkflow(req.scope).run({
    input: { ...req.validatedBody, promoter_id: await currentPromoterId(req) },
  })
  res.status(201).json({ invitation: result })
}
