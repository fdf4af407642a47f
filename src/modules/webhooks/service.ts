import type { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService, generateEntityId } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"
import { webhookId } from "../../lib/webhooks/message-id"
import { disableReason, nextAttemptAt } from "../../lib/webhooks/schedule"
import WebhookDelivery from "./models/webhook-delivery"
import WebhookEndpoint from "./models/webhook-endpoint"

/** A delivery taken by a worker, with what it needs to send it. */
export type ClaimedDelivery = {
  id: string
  webhook_id: string
  event_name: string
  payload: unknown
  attempts: number
  endpoint_id: string
  url: string
  secrets: string[]
}

export type AttemptRecord = { at: string; status_code: number | null; error: string | null; duration_ms: number }

export type AttemptOutcome = { status: "succeeded" | "pending" | "failed"; endpoint_disabled: string | null }

class WebhooksModuleService extends MedusaService({ WebhookEndpoint, WebhookDelivery }) {
  protected readonly options_: PluginOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params -- MedusaService's constructor reads its own arguments object
    super(...arguments)
    this.options_ = parsePluginOptions(options)
  }

  getOptions(): PluginOptions {
    return this.options_
  }

  /**
   * One pending delivery per active endpoint subscribed to the event, due at once. The webhook id is unique, so an
   * occurrence already written (a redelivered bus event) writes nothing. The ids of the deliveries written now.
   */
  @InjectManager()
  async enqueue(
    { event_name, occurrence, payload, now }: { event_name: string; occurrence: string; payload: unknown; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const endpoints: { id: string }[] = await manager.execute(
      `select id from promoter_webhook_endpoint
        where status = 'active' and deleted_at is null and ('*' = any(events) or ? = any(events))`,
      [event_name]
    )
    const written: string[] = []
    for (const endpoint of endpoints) {
      const rows: { id: string }[] = await manager.execute(
        `insert into promoter_webhook_delivery (id, endpoint_id, event_name, webhook_id, payload, status, attempts, next_attempt_at, attempt_log)
         values (?, ?, ?, ?, ?::jsonb, 'pending', 0, ?, '{"list":[]}'::jsonb)
         on conflict (webhook_id) where deleted_at is null do nothing returning id`,
        [generateEntityId(undefined, "pwhd"), endpoint.id, event_name, webhookId({ endpointId: endpoint.id, occurrence }), JSON.stringify(payload), now]
      )
      if (rows.length) written.push(rows[0].id)
    }
    return written
  }

  /**
   * Takes up to `limit` due deliveries of active endpoints for this worker: locked with SKIP LOCKED (another worker
   * takes others) and held until `now + leaseMs` in the same transaction, so none is sent twice at once.
   */
  @InjectTransactionManager()
  async claimDue(
    { now, limit, leaseMs }: { now: Date; limit: number; leaseMs: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ClaimedDelivery[]> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows: (Omit<ClaimedDelivery, "secrets"> & { secret: string; previous_secret: string | null; previous_secret_expires_at: Date | null })[] =
      await manager.execute(
        `with due as (
           select d.id from promoter_webhook_delivery d
             join promoter_webhook_endpoint e on e.id = d.endpoint_id and e.status = 'active' and e.deleted_at is null
            where d.status = 'pending' and d.deleted_at is null and d.next_attempt_at <= ?
              and (d.locked_until is null or d.locked_until <= ?)
            order by d.next_attempt_at limit ? for update of d skip locked
         )
         update promoter_webhook_delivery d set locked_until = ?, updated_at = now()
           from due, promoter_webhook_endpoint e
          where d.id = due.id and e.id = d.endpoint_id
         returning d.id, d.webhook_id, d.event_name, d.payload, d.attempts, d.endpoint_id, e.url, e.secret, e.previous_secret,
                   e.previous_secret_expires_at`,
        [now, now, limit, new Date(now.getTime() + leaseMs)]
      )
    return rows.map(({ secret, previous_secret, previous_secret_expires_at, ...row }) => ({
      ...row,
      secrets: previous_secret && previous_secret_expires_at && new Date(previous_secret_expires_at) > now ? [secret, previous_secret] : [secret],
    }))
  }

  /**
   * Records one attempt: a 2xx makes the delivery succeeded and resets the endpoint's failures; otherwise the next
   * attempt is scheduled, or after the last one the delivery fails, and the endpoint is disabled when it has failed
   * too often in a row or for too long.
   */
  @InjectTransactionManager()
  async recordAttempt(
    { id, attempt, succeeded, now }: { id: string; attempt: AttemptRecord; succeeded: boolean; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<AttemptOutcome> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [row]: { attempts: number; endpoint_id: string }[] = await manager.execute(
      "select attempts, endpoint_id from promoter_webhook_delivery where id = ? for update",
      [id]
    )
    const attempts = row.attempts + 1
    const next = succeeded ? null : nextAttemptAt({ attempts, failedAt: now })
    const status = succeeded ? "succeeded" : next ? "pending" : "failed"
    await manager.execute(
      `update promoter_webhook_delivery
          set attempts = ?, status = ?, next_attempt_at = ?, locked_until = null, last_status_code = ?, last_error = ?,
              last_attempt_at = ?, attempt_log = jsonb_set(attempt_log, '{list}', coalesce(attempt_log->'list', '[]'::jsonb) || ?::jsonb),
              updated_at = now()
        where id = ?`,
      [attempts, status, next, attempt.status_code, attempt.error, now, JSON.stringify([attempt]), id]
    )
    const [endpoint]: { consecutive_failures: number; failing_since: Date | null; status: string }[] = await manager.execute(
      "select consecutive_failures, failing_since, status from promoter_webhook_endpoint where id = ? for update",
      [row.endpoint_id]
    )
    if (succeeded) {
      await manager.execute(
        "update promoter_webhook_endpoint set consecutive_failures = 0, failing_since = null, updated_at = now() where id = ?",
        [row.endpoint_id]
      )
      return { status, endpoint_disabled: null }
    }
    const consecutiveFailures = endpoint.consecutive_failures + (status === "failed" ? 1 : 0)
    const failingSince = endpoint.failing_since ? new Date(endpoint.failing_since) : now
    const reason =
      endpoint.status === "active"
        ? disableReason({ consecutiveFailures, failingSince, now, maxConsecutiveFailures: this.options_.webhooks.maxConsecutiveFailures })
        : null
    await manager.execute(
      `update promoter_webhook_endpoint
          set consecutive_failures = ?, failing_since = ?, updated_at = now(),
              status = case when ?::text is null then status else 'disabled' end,
              disabled_reason = coalesce(?, disabled_reason), disabled_at = case when ?::text is null then disabled_at else ? end
        where id = ?`,
      [consecutiveFailures, failingSince, reason, reason, reason, now, row.endpoint_id]
    )
    return { status, endpoint_disabled: reason }
  }

  /**
   * Makes a delivery due now for one more attempt (from the admin). Again while it is still due changes nothing;
   * the previous state, so a workflow can put it back.
   */
  @InjectTransactionManager()
  async makeDueNow(
    { id, now }: { id: string; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ status: "pending" | "succeeded" | "failed"; next_attempt_at: Date | null } | null> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const [before]: { status: "pending" | "succeeded" | "failed"; next_attempt_at: Date | null }[] = await manager.execute(
      "select status, next_attempt_at from promoter_webhook_delivery where id = ? and deleted_at is null for update",
      [id]
    )
    if (!before) return null
    if (before.status === "pending" && before.next_attempt_at && new Date(before.next_attempt_at) <= now) return before
    await manager.execute(
      "update promoter_webhook_delivery set status = 'pending', next_attempt_at = ?, updated_at = now() where id = ?",
      [now, id]
    )
    return before
  }
}

export default WebhooksModuleService
