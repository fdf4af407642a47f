import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deletePromoterLinkStep } from "./steps/delete-promoter-link"

export const deletePromoterLinkWorkflow = createWorkflow(
  "delete-promoter-link",
  (input: { promoter_id: string; slug: string }) => new WorkflowResponse(deletePromoterLinkStep(input))
)
