import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createWebhookEndpointWorkflow } from "../../../workflows/webhooks/create-webhook-endpoint"
import { readEndpoint, webhooksService, WEBHOOK_ENDPOINT_FIELDS } from "../../utils/webhooks"
import type { CreateWebhookEndpointType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const webhook_endpoints = await webhooksService(req).listWebhookEndpoints({}, { select: [...WEBHOOK_ENDPOINT_FIELDS], order: { created_at: "DESC" } })
  res.json({ webhook_endpoints })
}

/** Subscribes a URL; the secret is in this answer only (and in a rotation's). */
export const POST = async (req: AuthenticatedMedusaRequest<CreateWebhookEndpointType>, res: MedusaResponse) => {
  const { result } = await createWebhookEndpointWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ webhook_endpoint: await readEndpoint(req, result.id), secret: result.secret })
}
