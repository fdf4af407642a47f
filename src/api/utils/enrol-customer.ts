import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { PROMOTER_MODULE } from "../../modules/promoter"
import type PromoterModuleService from "../../modules/promoter/service"
import { normalizeCode } from "../../modules/promoter/utils/codes"
import { enrolPromoterWorkflow } from "../../workflows/promoter/enrol-promoter"
import type { EnrolPromoterInput } from "../../workflows/promoter/steps/prepare-enrolment"

/**
 * Makes a customer a promoter, once. Enrolling again (a double click, a retried request, six tabs at once) answers
 * with the customer's promoter (`created: false`) as long as the request asks for nothing else; asking for another
 * code or sponsor is a 409. One promoter per customer is the unique index on promoter.customer_id: the enrolments that
 * lose a race fail there and find the winner's promoter.
 */
export async function enrolCustomer(
  req: MedusaRequest,
  input: EnrolPromoterInput & { customer_id: string }
): Promise<{ promoterId: string; created: boolean }> {
  const promoters = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE)
  try {
    const { result } = await enrolPromoterWorkflow(req.scope).run({ input })
    return { promoterId: result.id, created: true }
  } catch (error) {
    const existing = await promoters.findByCustomer(input.customer_id)
    if (!existing) throw error
    const sponsor = input.sponsor_code ? await promoters.findByCode(input.sponsor_code) : null
    const sameCode = !input.referral_code || normalizeCode(input.referral_code) === existing.referral_code
    const sameSponsor = !input.sponsor_code || (!!sponsor && sponsor.id === existing.sponsor_id)
    if (!sameCode || !sameSponsor) {
      throw new MedusaError(
        MedusaError.Types.CONFLICT,
        `You are already a promoter (code ${existing.referral_code}); change your code with POST /store/promoters/me/referral-code`
      )
    }
    return { promoterId: existing.id, created: false }
  }
}
