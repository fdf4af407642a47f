import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"

export const deletePromoterLinkStep = createStep(
  "delete-promoter-link",
  async ({ promoter_id, slug }: { promoter_id: string; slug: string }, { container }) => {
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    const [link] = await promoters.listPromoterLinks({ promoter_id, slug })
    if (!link) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Promoter ${promoter_id} has no link "${slug}"`)
    await promoters.softDeletePromoterLinks(link.id)
    promoters.forgetShortLinks()
    return new StepResponse(link.id, link.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<PromoterModuleService>(PROMOTER_MODULE).restorePromoterLinks(id)
  }
)
