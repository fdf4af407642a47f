import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"

/** The attribution settings of the plugin options (precedence, model, self-referral policy). */
export const useAttributionOptionsStep = createStep("use-attribution-options", async (_: void, { container }) => {
  const { precedence, attributionModel, selfReferral } = container
    .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    .getOptions()
  return new StepResponse({ precedence, attributionModel, selfReferral })
})
