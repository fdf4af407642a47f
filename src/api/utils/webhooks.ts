import type { MedusaRequest } from "@medusajs/framework/http"
import { WEBHOOKS_MODULE } from "../../modules/webhooks"
import type WebhooksModuleService from "../../modules/webhooks/service"

export const webhooksService = (req: MedusaRequest) => req.scope.resolve<WebhooksModuleService>(WEBHOOKS_MODULE)

/** What an admin sees of an endpoint: never its secrets. */
export const WEBHOOK_ENDPOINT_FIELDS = [
  "id", "url", "description", "events", "status", "consecutive_failures", "failing_since", "disabled_reason", "disabled_at",
  "previous_secret_expires_at", "created_at", "updated_at",
] as const

export const WEBHOOK_DELIVERY_FIELDS = [
  "id", "endpoint_id", "event_name", "webhook_id", "payload", "status", "attempts", "next_attempt_at", "last_status_code",
  "last_error", "last_attempt_at", "attempt_log", "created_at", "updated_at",
] as const

export const readEndpoint = (req: MedusaRequest, id: string) => webhooksService(req).retrieveWebhookEndpoint(id, { select: [...WEBHOOK_ENDPOINT_FIELDS] })
