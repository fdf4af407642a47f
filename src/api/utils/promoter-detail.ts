import type { MedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { withShareUrls } from "./share"

const PROMOTER_DETAIL_FIELDS = [
  "*",
  "tier.*",
  "links.*",
  "customer.id",
  "customer.email",
  "promotions.id",
  "promotions.code",
  "promotions.status",
]

/** A promoter with tier, links (with share URLs), customer and coupons; 404 when absent. */
export async function retrievePromoterDetail(req: MedusaRequest, id: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "promoter", fields: PROMOTER_DETAIL_FIELDS, filters: { id } })
  if (!data.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Promoter ${id} was not found`)
  return withShareUrls(req, data[0])
}
