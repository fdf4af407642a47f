import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { clock } from "../../../lib/clock"
import { webhooksService } from "../utils/webhooks-service"

/**
 * Makes a delivery due now for one more attempt by the worker (same webhook id, a fresh timestamp and signature).
 * Refused while its endpoint is disabled. Undoing puts back its status and due time.
 */
export const redeliverWebhookStep = createStep(
  "redeliver-promoter-webhook",
  async ({ id }: { id: string }, { container }) => {
    const webhooks = webhooksService(container)
    const delivery = await webhooks.retrieveWebhookDelivery(id, { select: ["id", "endpoint_id"] })
    const endpoint = await webhooks.retrieveWebhookEndpoint(delivery.endpoint_id, { select: ["id", "status"] })
    if (endpoint.status !== "active") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "The delivery's endpoint is disabled: enable it first")
    }
    const before = await webhooks.makeDueNow({ id, now: clock.now() })
    return new StepResponse(delivery, before ? { id, ...before } : null)
  },
  async (before, { container }) => {
    if (!before) return
    await webhooksService(container).updateWebhookDeliveries(before)
  }
)
