import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"

/** Moves a promoter under another sponsor, with the cycle check under the tree lock. */
export const moveSponsorStep = createStep(
  "move-promoter-sponsor",
  async ({ promoterId, sponsorId }: { promoterId: string; sponsorId: string | null }, { container }) => {
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    const { previous_sponsor_id } = await promoters.moveSponsor({ promoterId, sponsorId })
    return new StepResponse({ previous_sponsor_id }, { promoterId, previous_sponsor_id })
  },
  async (undo, { container }) => {
    if (!undo) return
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    await promoters.updatePromoters({ id: undo.promoterId, sponsor_id: undo.previous_sponsor_id })
  }
)
