import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { configuredNotificationChannels, missingChannelMessage, type NotificationConfig } from "./notification-channels"

/** The code of the error below: routes answer it with a 503 (the store is not configured for it; nothing changed). */
export const NOTIFICATION_CHANNEL_MISSING = "promoter_notification_channel_missing"

/**
 * Throws before anything is written when no provider serves `channel`. Medusa's own module would write a notification
 * row with status "failure" and throw an error that reaches the client as a 500.
 */
export function assertNotificationChannel(container: MedusaContainer, { channel, uses }: { channel: string; uses: string[] }): void {
  const config = container.resolve<NotificationConfig>(ContainerRegistrationKeys.CONFIG_MODULE)
  const channels = configuredNotificationChannels(config)
  if (channels === null || channels.includes(channel)) return
  throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, missingChannelMessage({ channel, uses }), NOTIFICATION_CHANNEL_MISSING)
}

/** True for the error above (also after a workflow rethrew it). */
export function isMissingNotificationChannel(error: unknown): error is Error {
  return (error as { code?: unknown } | null)?.code === NOTIFICATION_CHANNEL_MISSING
}
