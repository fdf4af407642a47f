import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { clock } from "../../../lib/clock"

export type EnrolPromoterInput = {
  name: string
  email: string
  status?: "pending" | "active" | "suspended" | "terminated"
  sponsor_code?: string | null
  sponsor_id?: string | null
  referral_code?: string | null
  tier_id?: string | null
  customer_id?: string | null
  metadata?: Record<string, unknown> | null
}

export type PromoterCreateData = {
  name: string
  email: string
  status: "pending" | "active" | "suspended" | "terminated"
  referral_code: string
  sponsor_id: string | null
  tier_id: string | null
  customer_id: string | null
  enrolled_at: Date
  metadata: Record<string, unknown> | null
}

/** Checks the sponsor (exists, active, under the tree lock), the code (vanity or generated) and the tier. */
export const prepareEnrolmentStep = createStep(
  "prepare-promoter-enrolment",
  async (input: EnrolPromoterInput, { container }) => {
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    // Fast answer for a repeat; the unique index on promoter.customer_id holds it under concurrency.
    if (input.customer_id && (await promoters.findByCustomer(input.customer_id))) {
      throw new MedusaError(MedusaError.Types.CONFLICT, "This customer is already a promoter")
    }
    let sponsorId = input.sponsor_id ?? null
    if (input.sponsor_code) {
      const sponsor = await promoters.findByCode(input.sponsor_code)
      if (!sponsor) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `No promoter has the sponsor code "${input.sponsor_code}"`)
      }
      sponsorId = sponsor.id
    }
    if (sponsorId) {
      await promoters.lockTreeAndCheckSponsor({ sponsorId })
    }
    if (input.tier_id) {
      const tiers = await promoters.listPromoterTiers({ id: input.tier_id }, { select: ["id"] })
      if (!tiers.length) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `Tier ${input.tier_id} does not exist`)
      }
    }
    const referral_code = input.referral_code
      ? await promoters.assertVanityCodeAvailable(input.referral_code)
      : await promoters.generateUniqueReferralCode()
    const data: PromoterCreateData = {
      name: input.name,
      email: input.email.toLowerCase(),
      status: input.status ?? "active",
      referral_code,
      sponsor_id: sponsorId,
      tier_id: input.tier_id ?? null,
      customer_id: input.customer_id ?? null,
      enrolled_at: clock.wall(),
      metadata: input.metadata ?? null,
    }
    return new StepResponse(data)
  }
)
