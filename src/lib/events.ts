/** Events this plugin emits. The rules engine and the compensation ledger listen to them. */
export const PromoterEvents = {
  ENROLLED: "promoter.enrolled",
  RECRUITED: "promoter.recruited",
  ACTIVATED: "promoter.activated",
  STATUS_CHANGED: "promoter.status_changed",
  TIER_CHANGED: "promoter.tier_changed",
  SPONSOR_CHANGED: "promoter.sponsor_changed",
  COUPON_CREATED: "promoter.coupon_created",
  ORDER_ATTRIBUTED: "promoter.order_attributed",
  RULE_EVENT: "automation.rule_event",
  INVITATION_SENT: "promoter.invitation_sent",
  COMMISSION_CREATED: "promoter.commission_created",
} as const
