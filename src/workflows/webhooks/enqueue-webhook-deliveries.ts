import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { enqueueWebhookDeliveriesStep, type EnqueueWebhookInput } from "./steps/enqueue-webhook-deliveries"

/** One event occurrence becomes a delivery for each endpoint subscribed to it (the worker sends them). */
export const enqueueWebhookDeliveriesWorkflow = createWorkflow("enqueue-promoter-webhook-deliveries", (input: EnqueueWebhookInput) => {
  return new WorkflowResponse(enqueueWebhookDeliveriesStep(input))
})
