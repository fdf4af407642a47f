import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import type { PromoterCreateData } from "./prepare-enrolment"

export const createPromoterStep = createStep(
  "create-promoter",
  async (data: PromoterCreateData, { container }) => {
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    const promoter = await promoters.createPromoters(data)
    promoters.forgetShortLinks()
    return new StepResponse(promoter, promoter.id)
  },
  async (id, { container }) => {
    if (!id) return
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    await promoters.deletePromoters(id)
  }
)
