import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deactivatePromoterCouponWorkflow } from "../../../../../../../workflows/promoter/deactivate-promoter-coupon"
import { retrieveCoupon } from "../../../../../../utils/coupon-fields"

/** Answers the coupon as it is now, in the shape of the other coupon routes. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deactivatePromoterCouponWorkflow(req.scope).run({
    input: { promoter_id: req.params.id, promotion_id: req.params.promotion_id },
  })
  res.json({ coupon: await retrieveCoupon(req.scope, req.params.promotion_id) })
}
