import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { newWebhookSecret } from "../../../lib/webhooks/signature"
import { assertWebhookUrl, webhooksService } from "../utils/webhooks-service"

export type CreateWebhookEndpointInput = { url: string; description?: string | null; events: string[] }

/** A new active endpoint with a new secret (the one answer that carries it); undoing deletes it. */
export const createWebhookEndpointStep = createStep(
  "create-promoter-webhook-endpoint",
  async (input: CreateWebhookEndpointInput, { container }) => {
    assertWebhookUrl(container, input.url)
    const endpoint = await webhooksService(container).createWebhookEndpoints({
      url: input.url,
      description: input.description ?? null,
      events: input.events,
      secret: newWebhookSecret(),
    })
    return new StepResponse(endpoint, endpoint.id)
  },
  async (id, { container }) => {
    if (!id) return
    await webhooksService(container).deleteWebhookEndpoints(id)
  }
)
