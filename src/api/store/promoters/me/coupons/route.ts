import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { COUPON_FIELDS } from "../../../../utils/coupon-fields"
import { currentPromoterId } from "../../../../utils/current-promoter"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "promoter",
    fields: COUPON_FIELDS,
    filters: { id: await currentPromoterId(req) },
  })
  res.json({ coupons: data[0]?.promotions ?? [] })
}
