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
  /** An entry approved (its hold passed, or an admin approved it): { id, kind, promoter_id, order_id, amount, currency_code }. */
  COMMISSION_APPROVED: "promoter.commission_approved",
  /** An entry rejected (by an admin, or a bonus withdrawn at its review): the same fields. */
  COMMISSION_REJECTED: "promoter.commission_rejected",
  /**
   * A reversal entry written when an order is canceled, returned or refunded: { id, kind, promoter_id, order_id, amount,
   * currency_code, reverses_entry_id }.
   */
  COMMISSION_REVERSED: "promoter.commission_reversed",
  /** A payout batch made: { id, currency_code, total, promoter_ids }. */
  PAYOUT_CREATED: "promoter.payout_created",
  /** A payout marked paid: { id, currency_code, total, reference, promoter_ids }. */
  PAYOUT_PAID: "promoter.payout_paid",
  /** A payout the provider refused, in part or whole: { id, currency_code, total, reference, promoter_ids, status, error, failed: [{ promoter_id, amount, error }] }. */
  PAYOUT_FAILED: "promoter.payout_failed",
  /** A risk assessment flagged an order (its commissions are held) or a promoter: { id, subject_type, order_id, promoter_id, score, signals }. */
  RISK_FLAGGED: "promoter.risk_flagged",
} as const

/** The events a rule can be triggered by (rules can also listen to `rule.*` events that other rules emit). */
export const AUTOMATION_TRIGGER_EVENTS = [
  "order.placed",
  "order.canceled",
  "order.completed",
  "order.return_received",
  "customer.created",
  "customer.updated",
  PromoterEvents.ENROLLED,
  PromoterEvents.RECRUITED,
  PromoterEvents.ACTIVATED,
  PromoterEvents.STATUS_CHANGED,
  PromoterEvents.TIER_CHANGED,
  PromoterEvents.ORDER_ATTRIBUTED,
  PromoterEvents.COMMISSION_CREATED,
  PromoterEvents.RISK_FLAGGED,
]
