import { PromoterEvents } from "../events"

/** The plugin's events an endpoint can subscribe to (or "*": all of them, also those added later). */
export const WEBHOOK_EVENTS = [
  PromoterEvents.ORDER_ATTRIBUTED,
  PromoterEvents.COMMISSION_CREATED,
  PromoterEvents.COMMISSION_REVERSED,
  PromoterEvents.COMMISSION_APPROVED,
  PromoterEvents.COMMISSION_REJECTED,
  PromoterEvents.PAYOUT_CREATED,
  PromoterEvents.PAYOUT_PAID,
  PromoterEvents.PAYOUT_FAILED,
  PromoterEvents.ENROLLED,
  PromoterEvents.TIER_CHANGED,
  PromoterEvents.RISK_FLAGGED,
] as const

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number]

/** What a receiver gets: the event's name, when it happened, and the event's own data. */
export type WebhookPayload = { type: string; timestamp: string; data: unknown }
