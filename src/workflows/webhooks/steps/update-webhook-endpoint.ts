import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { clock } from "../../../lib/clock"
import { newWebhookSecret } from "../../../lib/webhooks/signature"
import { assertWebhookUrl, webhooksService } from "../utils/webhooks-service"

export type UpdateWebhookEndpointInput = {
  id: string
  url?: string
  description?: string | null
  events?: string[]
  status?: "active" | "disabled"
  /** A new secret; the current one keeps signing for the grace period (plugin option webhooks.rotationGraceHours). */
  rotate_secret?: boolean
}

const RESTORABLE = [
  "url", "description", "events", "status", "secret", "previous_secret", "previous_secret_expires_at",
  "consecutive_failures", "failing_since", "disabled_reason", "disabled_at",
] as const

/**
 * Changes an endpoint. Enabling a disabled one starts its failure count afresh; disabling records that an admin did.
 * Undoing puts back every field it had.
 */
export const updateWebhookEndpointStep = createStep(
  "update-promoter-webhook-endpoint",
  async (input: UpdateWebhookEndpointInput, { container }) => {
    const webhooks = webhooksService(container)
    const before = await webhooks.retrieveWebhookEndpoint(input.id, { select: ["id", ...RESTORABLE] })
    if (input.url !== undefined) assertWebhookUrl(container, input.url)
    const now = clock.now()
    const change: Record<string, unknown> = { id: input.id }
    if (input.url !== undefined) change.url = input.url
    if (input.description !== undefined) change.description = input.description
    if (input.events !== undefined) change.events = input.events
    if (input.status === "active" && before.status !== "active") {
      Object.assign(change, { status: "active", consecutive_failures: 0, failing_since: null, disabled_reason: null, disabled_at: null })
    }
    if (input.status === "disabled" && before.status !== "disabled") {
      Object.assign(change, { status: "disabled", disabled_reason: "disabled by an admin", disabled_at: now })
    }
    if (input.rotate_secret) {
      const graceMs = webhooks.getOptions().webhooks.rotationGraceHours * 3600_000
      Object.assign(change, { secret: newWebhookSecret(), previous_secret: before.secret, previous_secret_expires_at: new Date(now.getTime() + graceMs) })
    }
    const endpoint = await webhooks.updateWebhookEndpoints(change)
    return new StepResponse(endpoint, before)
  },
  async (before, { container }) => {
    if (!before) return
    await webhooksService(container).updateWebhookEndpoints(before)
  }
)
