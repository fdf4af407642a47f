import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateWebhookEndpointStep, type UpdateWebhookEndpointInput } from "./steps/update-webhook-endpoint"

/** Changes an endpoint's url, events, description or status, or rotates its secret. */
export const updateWebhookEndpointWorkflow = createWorkflow("update-promoter-webhook-endpoint", (input: UpdateWebhookEndpointInput) => {
  return new WorkflowResponse(updateWebhookEndpointStep(input))
})
