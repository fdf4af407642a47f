import type { MedusaResponse } from "@medusajs/framework/http"
import { isSummaryNotSent } from "../../workflows/insights/utils/summary"
import { isMissingNotificationChannel } from "../../utils/require-notification-channel"

/**
 * Answers a missing notification channel with a 503 whose message says what to configure (MedusaError has no type
 * for "the store is not set up for this", and Medusa would answer it with a 500). Returns false for other errors.
 */
export function answerMissingChannel(error: unknown, res: MedusaResponse): boolean {
  if (!isMissingNotificationChannel(error)) return false
  res.status(503).json({ type: "not_configured", code: "notification_channel_missing", message: error.message })
  return true
}

/** Answers a summary the provider failed to send with a 502 naming who did not get it (it is sent by the next run). */
export function answerSummaryNotSent(error: unknown, res: MedusaResponse): boolean {
  if (!isSummaryNotSent(error)) return false
  res.status(502).json({ type: "notification_failed", code: "summary_not_sent", message: error.message })
  return true
}
