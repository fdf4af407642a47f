import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deactivatePromoterCouponWorkflow } from "../../../../../../../workflows/deactivate-promoter-coupon"

export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deactivatePromoterCouponWorkflow(req.scope).run({
    input: { promoter_id: req.params.id, promotion_id: req.params.promotion_id },
  })
  res.json({ id: req.params.promotion_id, status: "inactive" })
}
