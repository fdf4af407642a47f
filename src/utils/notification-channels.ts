// Which notification channels the store can send on, read the way Medusa's notification module decides it: one
// provider per channel, from the module's `providers` (each with `options.channels`), plus Medusa Cloud's e-mail
// provider when no provider takes `email` and the cloud options are complete (node_modules/@medusajs/notification,
// loaders/providers.js). Medusa's default set-up is the local provider on `feed` only, so `email` is missing there.
// Imports nothing from Medusa: the caller hands in the resolved config module.
import type { PluginOptions } from "../lib/options"

export type NotificationConfig = {
  modules?: Record<string, unknown>
}

type ProviderConfig = { resolve?: unknown; id?: unknown; options?: { channels?: unknown } }

const MEDUSA_NOTIFICATION_MODULES = ["@medusajs/medusa/notification", "@medusajs/notification"]

/**
 * The channels a provider is configured for, or null when the store replaced Medusa's notification module with one
 * the plugin cannot read (then the plugin does not second-guess it and lets the module answer).
 */
export function configuredNotificationChannels(config: NotificationConfig): string[] | null {
  const declared = config.modules?.notification
  if (declared === undefined || declared === false) return []
  if (typeof declared !== "object" || declared === null) return null
  const { resolve, options } = declared as { resolve?: unknown; options?: { providers?: unknown; cloud?: unknown } }
  if (typeof resolve === "string" && !MEDUSA_NOTIFICATION_MODULES.includes(resolve)) return null
  const providers = Array.isArray(options?.providers) ? (options.providers as ProviderConfig[]) : []
  const channels = new Set(
    providers.flatMap((p) => (Array.isArray(p?.options?.channels) ? p.options.channels.filter((c): c is string => typeof c === "string") : []))
  )
  const cloud = (options?.cloud ?? {}) as Record<string, unknown>
  if (!channels.has("email") && cloud.api_key && cloud.endpoint && (cloud.environment_handle || cloud.sandbox_handle)) channels.add("email")
  return [...channels]
}

export const INVITATIONS_USE = "promoter invitations (POST /store/promoters/me/invitations)"
export const SUMMARY_USE = "the automation insights summary (insights.summaryRecipients)"

/** What the plugin sends on which channel, given its options (rules' `send_message` channels are checked per run). */
export function requiredChannels(options: Pick<PluginOptions, "insights">): { channel: string; uses: string[] }[] {
  const uses = new Map<string, string[]>([["email", [INVITATIONS_USE]]])
  if (options.insights.summaryRecipients.length) {
    const channel = options.insights.summaryChannel
    uses.set(channel, [...(uses.get(channel) ?? []), SUMMARY_USE])
  }
  return [...uses].map(([channel, list]) => ({ channel, uses: list }))
}

const PROVIDERS: Record<string, string> = {
  email: `@medusajs/medusa/notification-sendgrid (options: { channels: ["email"], api_key, from })`,
}

/** The sentence a store owner reads in the log and in the 503: what is missing, what needs it, how to configure it. */
export function missingChannelMessage({ channel, uses }: { channel: string; uses: string[] }): string {
  const provider = PROVIDERS[channel] ?? `a notification provider with options.channels including "${channel}"`
  return (
    `There is no notification provider for the "${channel}" channel, so ${uses.join(" and ")} cannot be sent. ` +
    `Add one to the Notification module (Modules.NOTIFICATION, "@medusajs/medusa/notification") in medusa-config.ts: ` +
    `${provider}, or for development @medusajs/medusa/notification-local with channels: ["${channel}"] ` +
    `(it stores and logs notifications without sending them). Each channel takes one provider. ` +
    `See the plugin's README, "Notifications".`
  )
}

/** The template id the provider gets for one of the plugin's (option `notificationTemplates`). */
export function providerTemplate(options: Pick<PluginOptions, "notificationTemplates">, template: string): string {
  return Object.prototype.hasOwnProperty.call(options.notificationTemplates, template) ? options.notificationTemplates[template] : template
}
