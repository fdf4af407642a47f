import { model } from "@medusajs/framework/utils"

/**
 * A URL an admin subscribed to some of the plugin's events. The secret is stored (signing needs it) and never
 * answered by a GET; during a rotation the previous secret signs too until previous_secret_expires_at.
 */
const WebhookEndpoint = model.define("promoter_webhook_endpoint", {
  id: model.id({ prefix: "pwhe" }).primaryKey(),
  url: model.text(),
  description: model.text().nullable(),
  /** Event names, or ["*"] for every event. */
  events: model.array(),
  secret: model.text(),
  previous_secret: model.text().nullable(),
  previous_secret_expires_at: model.dateTime().nullable(),
  status: model.enum(["active", "disabled"]).default("active"),
  /** Deliveries in a row that failed for good since the last success. */
  consecutive_failures: model.number().default(0),
  /** The first failed attempt since the last success (the endpoint is disabled after failing for days). */
  failing_since: model.dateTime().nullable(),
  disabled_reason: model.text().nullable(),
  disabled_at: model.dateTime().nullable(),
})

export default WebhookEndpoint
