import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { redeliverWebhookStep } from "./steps/redeliver-webhook"

/** One more attempt of a delivery, now, by the worker (from the admin). */
export const redeliverWebhookDeliveryWorkflow = createWorkflow("redeliver-promoter-webhook-delivery", (input: { id: string }) => {
  return new WorkflowResponse(redeliverWebhookStep(input))
})
