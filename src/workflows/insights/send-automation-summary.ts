import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { Suggestion, SummaryFigures } from "../../lib/insights"
import { toJsonColumn } from "../../lib/casts"
import { providerTemplate, SUMMARY_USE } from "../../utils/notification-channels"
import { assertNotificationChannel } from "../../utils/require-notification-channel"
import { SUMMARY_NOT_SENT, SUMMARY_TEMPLATE, storeSummary, summaryRange } from "./utils/summary"
import { INSIGHTS_MODULE } from "../../modules/insights"
import type InsightsModuleService from "../../modules/insights/service"

export type SendSummaryInput = { from: Date; to: Date; period_key: string }

type StoredSummary = { id: string; period_key: string; created: boolean; text: string; data: unknown; notified_before: string[]; missing: string[] }

/**
 * The period's summary as stored, or built and stored now; the recipients who do not have it yet. Stored only when it
 * can be sent: with recipients missing and no provider for the channel, it fails and stores nothing. Undone (a summary
 * this run stored is removed) only if a later step fails unexpectedly; a provider failure is not one.
 */
export const storeAutomationSummaryStep = createStep(
  "store-automation-summary",
  async (input: SendSummaryInput, { container }) => {
    const insights = container.resolve<InsightsModuleService>(INSIGHTS_MODULE)
    const { summaryRecipients: recipients, summaryChannel } = insights.getOptions().insights
    const [existing] = await insights.listInsightSummaries({ period_key: input.period_key }, { take: 1 })
    const notifiedBefore = ((existing?.notified_to as string[] | null) ?? []).filter((to) => recipients.includes(to))
    const missing = recipients.filter((to) => !notifiedBefore.includes(to))
    if (missing.length) assertNotificationChannel(container, { channel: summaryChannel, uses: [SUMMARY_USE] })
    // The figures are built only for a summary not stored yet: a stored one is sent as it was written.
    const summary = existing ?? (await storeSummary(container, { range: { from: new Date(input.from), to: new Date(input.to) }, periodKey: input.period_key }))
    const stored: StoredSummary = { id: summary.id, period_key: input.period_key, created: !existing, text: summary.text, data: summary.data, notified_before: notifiedBefore, missing }
    return new StepResponse(stored, stored.created ? stored.id : null)
  },
  async (createdId, { container }) => {
    if (createdId) await container.resolve<InsightsModuleService>(INSIGHTS_MODULE).deleteInsightSummaries(createdId)
  }
)

/**
 * Sends the summary to the recipients who do not have it; answers who has it now (the notifications that were sent,
 * whatever the provider threw) and the provider's failure, if any. A sent message cannot be taken back: no undo.
 */
export const sendAutomationSummaryStep = createStep("send-automation-summary-notifications", async (summary: StoredSummary, { container }) => {
  if (!summary.missing.length) return new StepResponse({ sent: [] as string[], failure: null as string | null })
  const insights = container.resolve<InsightsModuleService>(INSIGHTS_MODULE)
  const { summaryChannel } = insights.getOptions().insights
  // Stored as the figures with the full suggestions; the notification has each suggestion's kind and message.
  const stored = summary.data as SummaryFigures & { suggestions: Suggestion[] }
  const notifications = container.resolve(Modules.NOTIFICATION)
  // Medusa 2.21 does not retry a key whose notification failed: it sends again, then fails to record it ("Notification
  // with id … not found", the retry gets a new id). So every attempt after a failure has a key of its own, counted
  // from the failures recorded; two runs at once make the same key, and Medusa sends that key once.
  const failures = await notifications.listNotifications({ resource_id: summary.id, to: summary.missing }, { select: ["to", "status"] })
  const keyOf = (to: string) => {
    const failed = failures.filter((n) => n.to === to && n.status === "failure").length
    return `insights-summary:${summary.period_key}:${to}${failed ? `:retry-${failed}` : ""}`
  }
  let failure: string | null = null
  try {
    await notifications.createNotifications(
      summary.missing.map((to) => ({
        to,
        channel: summaryChannel,
        template: providerTemplate(insights.getOptions(), SUMMARY_TEMPLATE),
        data: { text: summary.text, period: stored.period, totals: stored.totals, suggestions: stored.suggestions.map(({ kind, message }) => ({ kind, message })) },
        trigger_type: "automation_summary",
        resource_id: summary.id,
        resource_type: "insight_summary",
        idempotency_key: keyOf(to),
      }))
    )
  } catch (error) {
    failure = (error as Error).message
  }
  const sent = (await notifications.listNotifications({ resource_id: summary.id, to: summary.missing }, { select: ["to", "status"] }))
    .filter((n) => n.status === "success")
    .map((n) => n.to)
  return new StepResponse({ sent, failure })
})

/** Records who has the summary (notified_to); undone by restoring the list it had. */
export const recordSummaryRecipientsStep = createStep(
  "record-automation-summary-recipients",
  async ({ id, before, notified }: { id: string; before: string[]; notified: string[] }, { container }) => {
    if (notified.length === before.length) return new StepResponse(notified, null)
    await container.resolve<InsightsModuleService>(INSIGHTS_MODULE).updateInsightSummaries({ id, notified_to: toJsonColumn(notified) })
    return new StepResponse(notified, { id, before })
  },
  async (previous, { container }) => {
    if (previous) await container.resolve<InsightsModuleService>(INSIGHTS_MODULE).updateInsightSummaries({ id: previous.id, notified_to: toJsonColumn(previous.before) })
  }
)

/**
 * The period's summary: stored once, sent to whoever does not have it, recorded as sent only for the notifications
 * that were. The recipients it could not reach are in `not_sent` (the caller answers 502 and the next run retries).
 */
export const sendAutomationSummaryWorkflow = createWorkflow("send-automation-summary", (input: SendSummaryInput) => {
  const summary = storeAutomationSummaryStep(input)
  const delivery = sendAutomationSummaryStep(summary)
  const recipients = transform({ summary, delivery }, ({ summary, delivery }) => {
    const all = [...summary.notified_before, ...summary.missing]
    return { id: summary.id, before: summary.notified_before, notified: all.filter((to) => summary.notified_before.includes(to) || delivery.sent.includes(to)) }
  })
  const notified = recordSummaryRecipientsStep(recipients)
  const result = transform({ input, summary, delivery, notified }, ({ input, summary, delivery, notified }) => ({
    id: summary.id,
    period_key: input.period_key,
    created: summary.created,
    text: summary.text,
    notified,
    not_sent: summary.missing.filter((to) => !notified.includes(to)),
    failure: delivery.failure,
  }))
  return new WorkflowResponse(result)
})

export type SentSummary = { id: string; created: boolean; notified: string[]; text: string }

/**
 * The summary of the last period through send-automation-summary, one run at a time (the weekly job and the admin's
 * button), across processes. Throws SUMMARY_NOT_SENT (routes answer 502) when some recipients could not be reached.
 */
export async function sendSummary(container: MedusaContainer): Promise<SentSummary> {
  return await container.resolve(Modules.LOCKING).execute(
    "insights:summary",
    async () => {
      const range = summaryRange(container)
      const { result } = await sendAutomationSummaryWorkflow(container).run({
        input: { from: range.from, to: range.to, period_key: `${range.from.toISOString().slice(0, 10)}..${range.to.toISOString().slice(0, 10)}` },
      })
      if (result.not_sent.length) {
        throw new MedusaError(
          MedusaError.Types.UNEXPECTED_STATE,
          `The summary ${result.period_key} is stored but could not be sent to ${result.not_sent.join(", ")}: the notification provider failed` +
            ` (${(result.failure ?? "no notification was sent").split("\n").pop()}). The next run sends it to them.`,
          SUMMARY_NOT_SENT
        )
      }
      return { id: result.id, created: result.created, notified: result.notified, text: result.text }
    },
    { timeout: 5 }
  )
}
