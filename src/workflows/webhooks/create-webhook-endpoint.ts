import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createWebhookEndpointStep, type CreateWebhookEndpointInput } from "./steps/create-webhook-endpoint"

/** Subscribes a URL to some of the plugin's events; the answer carries its secret (shown once). */
export const createWebhookEndpointWorkflow = createWorkflow("create-promoter-webhook-endpoint", (input: CreateWebhookEndpointInput) => {
  return new WorkflowResponse(createWebhookEndpointStep(input))
})
