import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import PromoterCustomerLink from "../../links/promoter-customer"

/** The promoter id of the logged-in customer; 404 when the customer is not a promoter. Never another's id. */
export async function currentPromoterId(req: AuthenticatedMedusaRequest): Promise<string> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: PromoterCustomerLink.entryPoint,
    fields: ["promoter_id"],
    filters: { customer_id: req.auth_context.actor_id },
  })
  if (!data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "You are not a promoter yet: enrol with POST /store/promoters/me")
  }
  return data[0].promoter_id as string
}
