import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { readEndpoint, webhooksService, WEBHOOK_DELIVERY_FIELDS } from "../../../../utils/webhooks"
import type { ListWebhookDeliveriesType } from "../../../../validators"

/** The endpoint's delivery log, newest first, each with its attempts (time, status code, error, duration). */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, ListWebhookDeliveriesType>, res: MedusaResponse) => {
  const endpoint = await readEndpoint(req, req.params.id)
  const { status, event_name, limit, offset } = req.validatedQuery
  const filters = { endpoint_id: endpoint.id, ...(status ? { status } : {}), ...(event_name ? { event_name } : {}) }
  const [deliveries, count] = await webhooksService(req).listAndCountWebhookDeliveries(filters, {
    select: [...WEBHOOK_DELIVERY_FIELDS],
    order: { created_at: "DESC", id: "DESC" },
    take: limit,
    skip: offset,
  })
  res.json({ deliveries, count, limit, offset })
}
