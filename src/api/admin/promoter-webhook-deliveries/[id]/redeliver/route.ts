import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { redeliverWebhookDeliveryWorkflow } from "../../../../../workflows/webhooks/redeliver-webhook-delivery"
import { webhooksService, WEBHOOK_DELIVERY_FIELDS } from "../../../../utils/webhooks"

/** One more attempt now, by the worker (same webhook id); calling again while it is due changes nothing. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await redeliverWebhookDeliveryWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.status(202).json({ delivery: await webhooksService(req).retrieveWebhookDelivery(req.params.id, { select: [...WEBHOOK_DELIVERY_FIELDS] }) })
}
