import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { savePromoterTierStep, type SavePromoterTierInput } from "./steps/save-promoter-tier"

export const savePromoterTierWorkflow = createWorkflow("save-promoter-tier", (input: SavePromoterTierInput) => {
  return new WorkflowResponse(savePromoterTierStep(input))
})
