import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteWebhookEndpointWorkflow } from "../../../../workflows/webhooks/delete-webhook-endpoint"
import { updateWebhookEndpointWorkflow } from "../../../../workflows/webhooks/update-webhook-endpoint"
import { readEndpoint } from "../../../utils/webhooks"
import type { UpdateWebhookEndpointType } from "../../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ webhook_endpoint: await readEndpoint(req, req.params.id) })
}

/** Changes url, events, description or status; enabling a disabled endpoint starts its failure count afresh. */
export const POST = async (req: AuthenticatedMedusaRequest<UpdateWebhookEndpointType>, res: MedusaResponse) => {
  await updateWebhookEndpointWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id } })
  res.json({ webhook_endpoint: await readEndpoint(req, req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteWebhookEndpointWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "webhook_endpoint", deleted: true })
}
