import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { PROMOTER_MODULE } from "../../modules/promoter"
import type PromoterModuleService from "../../modules/promoter/service"

/** The promoter id of the logged-in customer; 404 when the customer is not a promoter. Never another's id. */
export async function currentPromoterId(req: AuthenticatedMedusaRequest): Promise<string> {
  const promoter = await req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).findByCustomer(req.auth_context.actor_id)
  if (!promoter) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "You are not a promoter yet: enrol with POST /store/promoters/me")
  }
  return promoter.id
}
