import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { toJsonColumn } from "../../../lib/casts"

export type SavePromoterTierInput = {
  id?: string
  name?: string
  rank?: number
  commission_rates_bps?: number[]
  qualification?: Record<string, unknown> | null
  metadata?: Record<string, unknown> | null
}

type TierRow = Awaited<ReturnType<PromoterModuleService["retrievePromoterTier"]>>
type Undo = { previous: TierRow | null; created: string | null }

/** The rates are a JSON array (index 0 = level 1). */
const asJson = (rates: number[]) => toJsonColumn(rates)

/** Creates a tier, or updates one when `id` is given. Name and rank are unique (database indexes). */
export const savePromoterTierStep = createStep(
  "save-promoter-tier",
  async (input: SavePromoterTierInput, { container }) => {
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    if (input.id) {
      const previous = await promoters.retrievePromoterTier(input.id)
      const { commission_rates_bps, ...rest } = input
      const updated = await promoters.updatePromoterTiers({
        ...rest,
        id: input.id,
        ...(commission_rates_bps ? { commission_rates_bps: asJson(commission_rates_bps) } : {}),
      })
      return new StepResponse<TierRow, Undo>(updated, { previous, created: null })
    }
    if (!input.name || input.rank === undefined || !input.commission_rates_bps) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "name, rank and commission_rates_bps are required")
    }
    const created = await promoters.createPromoterTiers({
      name: input.name,
      rank: input.rank,
      commission_rates_bps: asJson(input.commission_rates_bps),
      qualification: input.qualification ?? null,
      metadata: input.metadata ?? null,
    })
    return new StepResponse<TierRow, Undo>(created, { previous: null, created: created.id })
  },
  async (undo: Undo | undefined, { container }) => {
    if (!undo) return
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    if (undo.created) await promoters.deletePromoterTiers(undo.created)
    if (undo.previous) {
      const { id, name, rank, commission_rates_bps, qualification, metadata } = undo.previous
      await promoters.updatePromoterTiers({ id, name, rank, commission_rates_bps, qualification, metadata })
    }
  }
)
