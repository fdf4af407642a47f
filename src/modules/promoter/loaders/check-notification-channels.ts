import type { LoaderOptions, Logger } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { configuredNotificationChannels, missingChannelMessage, requiredChannels, type NotificationConfig } from "../../../utils/notification-channels"
import { parsePluginOptions } from "../../../lib/options"

/**
 * Runs when the store starts: warns, naming the channel and how to configure it, when the Notification module has
 * no provider for a channel the plugin sends on (Medusa's default set-up has only `feed`). Not an error: the rest of
 * the plugin works, and what needs the channel answers 503 until it is configured.
 */
export default async function checkNotificationChannelsLoader({ container, options }: LoaderOptions<Record<string, unknown>>) {
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  const config = container.resolve<NotificationConfig>(ContainerRegistrationKeys.CONFIG_MODULE, { allowUnregistered: true })
  if (!config) return
  const channels = configuredNotificationChannels(config)
  if (channels === null) return
  for (const need of requiredChannels(parsePluginOptions(options))) {
    if (!channels.includes(need.channel)) logger.warn(`medusa-plugin-promoter: ${missingChannelMessage(need)}`)
  }
}
