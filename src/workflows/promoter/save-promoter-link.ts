import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { savePromoterLinkStep, type SavePromoterLinkInput } from "./steps/save-promoter-link"

export const savePromoterLinkWorkflow = createWorkflow("save-promoter-link", (input: SavePromoterLinkInput) => {
  return new WorkflowResponse(savePromoterLinkStep(input))
})
