import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { answerConflict } from "../../../utils/answer-conflict"
import { currentPromoterId } from "../../../utils/current-promoter"
import { enrolCustomer } from "../../../utils/enrol-customer"
import { retrievePromoterDetail } from "../../../utils/promoter-detail"
import type { StoreEnrolPromoterType } from "../../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ promoter: await retrievePromoterDetail(req, await currentPromoterId(req)) })
}

/**
 * A logged-in customer enrols as a promoter, optionally under a sponsor's code: 201 with the new promoter. Enrolling
 * again answers 200 with the same promoter (a 409 if it asks for another code or sponsor).
 */
export const POST = async (req: AuthenticatedMedusaRequest<StoreEnrolPromoterType>, res: MedusaResponse) => {
  if (!req.auth_context.actor_id) {
    throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "Create your customer account before enrolling")
  }
  const customer = await req.scope.resolve(Modules.CUSTOMER).retrieveCustomer(req.auth_context.actor_id)
  const name = req.validatedBody.name ?? ([customer.first_name, customer.last_name].filter(Boolean).join(" ") || customer.email)
  let enrolled: Awaited<ReturnType<typeof enrolCustomer>>
  try {
    enrolled = await enrolCustomer(req, {
      name,
      email: customer.email,
      status: "active",
      sponsor_code: req.validatedBody.sponsor_code,
      referral_code: req.validatedBody.referral_code,
      customer_id: customer.id,
    })
  } catch (error) {
    if (answerConflict(error, res)) return
    throw error
  }
  const { promoterId, created } = enrolled
  res.status(created ? 201 : 200).json({ promoter: await retrievePromoterDetail(req, promoterId) })
}
