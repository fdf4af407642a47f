import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createPromoterCouponWorkflow } from "../../../../../workflows/promoter/create-promoter-coupon"
import { retrievePromoterDetail } from "../../../../utils/promoter-detail"
import type { CreatePromoterCouponType } from "../../../../validators"
import { COUPON_FIELDS, retrieveCoupon } from "../../../../utils/coupon-fields"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  await retrievePromoterDetail(req, req.params.id)
  const { data } = await query.graph({ entity: "promoter", fields: COUPON_FIELDS, filters: { id: req.params.id } })
  res.json({ coupons: data[0]?.promotions ?? [] })
}

export const POST = async (req: AuthenticatedMedusaRequest<CreatePromoterCouponType>, res: MedusaResponse) => {
  const promoter = await retrievePromoterDetail(req, req.params.id)
  const { result } = await createPromoterCouponWorkflow(req.scope).run({
    input: { ...req.validatedBody, promoter_id: promoter.id },
  })
  res.status(201).json({ coupon: await retrieveCoupon(req.scope, result.id) })
}
