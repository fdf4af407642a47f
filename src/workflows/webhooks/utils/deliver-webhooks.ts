import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { clock } from "../../../lib/clock"
import { signedHeaders } from "../../../lib/webhooks/signature"
import type { AttemptOutcome, ClaimedDelivery } from "../../../modules/webhooks/service"
import { sendWebhook } from "./send-webhook"
import { webhooksService } from "./webhooks-service"

export type DeliveryRunResult = {
  attempted: number
  succeeded: number
  failed_for_good: number
  disabled_endpoints: string[]
  /** Whether the run took a whole batch (more may be due). */
  full: boolean
}

/**
 * Sends the due deliveries (those of active endpoints), `concurrency` at a time, each within the timeout, and records
 * every attempt. Runs in the worker (the delivery job); tests call it directly. `now` is the plugin's clock unless
 * given (the schedule is counted on it); the signed timestamp is the machine's, which receivers compare with theirs.
 */
export async function deliverDueWebhooks(container: MedusaContainer, { now = clock.now() }: { now?: Date } = {}): Promise<DeliveryRunResult> {
  const webhooks = webhooksService(container)
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const { batchSize, concurrency, timeoutMs, allowPrivateUrls } = webhooks.getOptions().webhooks
  // Held until the whole batch can have been sent (every attempt timing out, `concurrency` at a time) and a minute
  // more: no other run takes one while it waits its turn here, and a worker that dies lets them go to a later run.
  const leaseMs = Math.ceil(batchSize / concurrency) * timeoutMs + 60_000
  const claimed = await webhooks.claimDue({ now, limit: batchSize, leaseMs })
  const result: DeliveryRunResult = { attempted: claimed.length, succeeded: 0, failed_for_good: 0, disabled_endpoints: [], full: claimed.length === batchSize }

  const attempt = async (delivery: ClaimedDelivery): Promise<AttemptOutcome> => {
    const body = JSON.stringify(delivery.payload)
    const headers = signedHeaders({ secrets: delivery.secrets, id: delivery.webhook_id, timestamp: Math.floor(clock.wall().getTime() / 1000), body })
    const started = clock.elapsedMs()
    const sent = await sendWebhook({ url: delivery.url, headers, body, timeoutMs, allowPrivate: allowPrivateUrls })
    const succeeded = sent.status_code !== null && sent.status_code >= 200 && sent.status_code < 300
    return webhooks.recordAttempt({
      id: delivery.id,
      succeeded,
      now,
      attempt: {
        at: now.toISOString(),
        status_code: sent.status_code,
        error: succeeded ? null : (sent.error ?? `answered ${sent.status_code}`),
        duration_ms: Math.round(clock.elapsedMs() - started),
      },
    })
  }

  let next = 0
  const lane = async () => {
    while (next < claimed.length) {
      const delivery = claimed[next++]
      try {
        const outcome = await attempt(delivery)
        if (outcome.status === "succeeded") result.succeeded += 1
        if (outcome.status === "failed") result.failed_for_good += 1
        if (outcome.endpoint_disabled) {
          result.disabled_endpoints.push(delivery.endpoint_id)
          logger.warn(`promoter webhooks: endpoint ${delivery.endpoint_id} disabled (${outcome.endpoint_disabled})`)
        }
      } catch (error) {
        // The lease runs out and a later run tries again; the other deliveries go on.
        logger.error(`promoter webhooks: delivery ${delivery.id} not recorded: ${error instanceof Error ? error.message : String(error)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane))
  return result
}
