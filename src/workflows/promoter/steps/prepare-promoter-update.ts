import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"

export type UpdatePromoterInput = {
  id: string
  name?: string
  email?: string
  status?: "pending" | "active" | "suspended" | "terminated"
  tier_id?: string | null
  /** null detaches the promoter from their sponsor (they become a root). */
  sponsor_id?: string | null
  referral_code?: string
  metadata?: Record<string, unknown> | null
  /** Why the tier changes (kept in the tier history): an admin (default), a rule, or the period qualification. */
  tier_change?: { reason: "admin" | "rule" | "qualification"; period_key?: string; figures?: Record<string, unknown> }
}

export type PromoterSnapshot = {
  id: string
  name: string
  email: string
  status: "pending" | "active" | "suspended" | "terminated"
  tier_id: string | null
  sponsor_id: string | null
  referral_code: string
  metadata: Record<string, unknown> | null
}

const FIELDS = ["id", "name", "email", "status", "tier_id", "sponsor_id", "referral_code", "metadata"] as const

/** Validates an update and returns the promoter as it was, and the field changes to make. */
export const preparePromoterUpdateStep = createStep(
  "prepare-promoter-update",
  async (input: UpdatePromoterInput, { container }) => {
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    const row = await promoters.retrievePromoter(input.id, { select: [...FIELDS] })
    const current: PromoterSnapshot = {
      id: row.id,
      name: row.name,
      email: row.email,
      status: row.status,
      tier_id: row.tier_id ?? null,
      sponsor_id: row.sponsor_id ?? null,
      referral_code: row.referral_code,
      metadata: (row.metadata as Record<string, unknown> | null) ?? null,
    }
    if (current.status === "terminated" && input.status && input.status !== "terminated") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "A terminated promoter cannot be reactivated")
    }
    const changes: Partial<Omit<PromoterSnapshot, "id" | "sponsor_id">> = {}
    if (input.name !== undefined) changes.name = input.name
    if (input.email !== undefined) changes.email = input.email.toLowerCase()
    if (input.status !== undefined) changes.status = input.status
    if (input.metadata !== undefined) changes.metadata = input.metadata
    if (input.tier_id !== undefined) {
      if (input.tier_id !== null) {
        const tiers = await promoters.listPromoterTiers({ id: input.tier_id }, { select: ["id"] })
        if (!tiers.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Tier ${input.tier_id} does not exist`)
      }
      changes.tier_id = input.tier_id
    }
    if (input.referral_code !== undefined) {
      changes.referral_code = await promoters.assertVanityCodeAvailable(input.referral_code, current.id)
    }
    const sponsorChange = input.sponsor_id !== undefined && input.sponsor_id !== current.sponsor_id
    return new StepResponse({ current, changes, sponsor_id: sponsorChange ? input.sponsor_id ?? null : undefined })
  }
)
