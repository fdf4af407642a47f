import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { deleteWebhookEndpointStep } from "./steps/delete-webhook-endpoint"

/** Removes an endpoint: nothing more is written or sent to it. */
export const deleteWebhookEndpointWorkflow = createWorkflow("delete-promoter-webhook-endpoint", (input: { id: string }) => {
  return new WorkflowResponse(deleteWebhookEndpointStep(input))
})
