import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { webhooksService } from "../utils/webhooks-service"

/** Deletes an endpoint (soft: its delivery log stays readable in the database); undoing restores it. */
export const deleteWebhookEndpointStep = createStep(
  "delete-promoter-webhook-endpoint",
  async ({ id }: { id: string }, { container }) => {
    const webhooks = webhooksService(container)
    await webhooks.retrieveWebhookEndpoint(id, { select: ["id"] })
    await webhooks.softDeleteWebhookEndpoints(id)
    return new StepResponse({ id }, id)
  },
  async (id, { container }) => {
    if (!id) return
    await webhooksService(container).restoreWebhookEndpoints(id)
  }
)
