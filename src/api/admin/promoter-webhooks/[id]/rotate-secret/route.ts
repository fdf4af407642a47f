import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateWebhookEndpointWorkflow } from "../../../../../workflows/webhooks/update-webhook-endpoint"
import { readEndpoint } from "../../../../utils/webhooks"

/** A new secret, in this answer only; the previous one signs too until previous_secret_expires_at. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await updateWebhookEndpointWorkflow(req.scope).run({ input: { id: req.params.id, rotate_secret: true } })
  res.json({ webhook_endpoint: await readEndpoint(req, req.params.id), secret: result.secret })
}
