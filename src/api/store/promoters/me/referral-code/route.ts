import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updatePromoterWorkflow } from "../../../../../workflows/promoter/update-promoter"
import { currentPromoterId } from "../../../../utils/current-promoter"
import { retrievePromoterDetail } from "../../../../utils/promoter-detail"
import type { StoreSetReferralCodeType } from "../../../../validators"

/** A promoter picks their own (vanity) referral code. */
export const POST = async (req: AuthenticatedMedusaRequest<StoreSetReferralCodeType>, res: MedusaResponse) => {
  const id = await currentPromoterId(req)
  await updatePromoterWorkflow(req.scope).run({ input: { id, referral_code: req.validatedBody.code } })
  res.json({ promoter: await retrievePromoterDetail(req, id) })
}
