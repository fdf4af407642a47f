// Fraud and risk, pure: figures the risk workflow gathers about an order and its promoter → signals with their
// evidence, a score, and whether the commissions are held for review. No Medusa import; thresholds are plugin options.

export type RiskThresholds = {
  /** A score at or above this holds the order's commissions for review. */
  flagScore: number
  /** Distinct customers behind one shipping address among a promoter's conversions (window) that make a signal. */
  sharedAddressCustomers: number
  /** Coupon orders (window) from customers who never touched the promoter's links: at least this many … */
  couponLeakOrders: number
  /** … and at least this share of the promoter's coupon orders. */
  couponLeakShare: number
  /** Clicks on the promoter's links in the last day … */
  clickBurst: number
  /** … converting at most this share (conversions in the window per click): a click farm. */
  clickConversionMax: number
  /** Canceled or refunded share of the promoter's orders (window), from this many orders on. */
  refundRate: number
  refundRateMinOrders: number
  /** Minutes between an account's creation and its order with the promoter's code that count as "brand new". */
  newAccountMinutes: number
  /** Share of the promoter's orders (window, from refundRateMinOrders on) placed by brand-new accounts. */
  newAccountShare: number
}

export const DEFAULT_RISK_THRESHOLDS: RiskThresholds = {
  flagScore: 1,
  sharedAddressCustomers: 3,
  couponLeakOrders: 10,
  couponLeakShare: 0.8,
  clickBurst: 300,
  clickConversionMax: 0.002,
  refundRate: 0.5,
  refundRateMinOrders: 5,
  newAccountMinutes: 10,
  newAccountShare: 0.9,
}

export type RiskSignalCode = "self_purchase" | "shared_ip" | "shared_address" | "coupon_leak" | "click_spam" | "refund_rate" | "new_accounts"

export type RiskSignal = { code: RiskSignalCode; weight: number; evidence: Record<string, unknown> }

export type RiskAssessment = { score: number; flagged: boolean; signals: RiskSignal[] }

/** What the workflow knows about one attributed order and its promoter. */
export type OrderRiskFigures = {
  /** The order's customer is the promoter (linked customer, or the same e-mail as one person). */
  self_referral: boolean
  /** Hashed IPs the order's shopper came from that the promoter's own account also used. */
  shared_ip_hashes: string[]
  /** Distinct customers of the promoter's conversions (window) shipping to this order's address, this one included. */
  customers_at_address: number
  /** The promoter's coupon orders in the window, and how many came from customers who never touched their links. */
  coupon_orders: number
  coupon_orders_without_touch: number
  /** Clicks on the promoter's links in the last day, and their conversions in the window. */
  clicks_last_day: number
  conversions_in_window: number
  /** The promoter's orders in the window, and how many were canceled or refunded. */
  orders_in_window: number
  canceled_or_refunded: number
  /** The promoter's orders in the window placed by accounts created just before. */
  orders_from_new_accounts: number
}

const WEIGHTS: Record<RiskSignalCode, number> = {
  self_purchase: 1,
  shared_ip: 1,
  shared_address: 1,
  coupon_leak: 1,
  click_spam: 1,
  refund_rate: 0.6,
  new_accounts: 0.4,
}

/** The signals an order's figures raise; each with the figures that raised it. */
export function assessOrderRisk(f: OrderRiskFigures, t: RiskThresholds = DEFAULT_RISK_THRESHOLDS): RiskAssessment {
  const signals: RiskSignal[] = []
  const raise = (code: RiskSignalCode, evidence: Record<string, unknown>) => signals.push({ code, weight: WEIGHTS[code], evidence })
  if (f.self_referral) raise("self_purchase", { self_referral: true })
  if (f.shared_ip_hashes.length) raise("shared_ip", { ip_hashes: f.shared_ip_hashes.slice(0, 5) })
  if (f.customers_at_address >= t.sharedAddressCustomers) {
    raise("shared_address", { customers_at_address: f.customers_at_address, threshold: t.sharedAddressCustomers })
  }
  const leakShare = f.coupon_orders ? f.coupon_orders_without_touch / f.coupon_orders : 0
  if (f.coupon_orders_without_touch >= t.couponLeakOrders && leakShare >= t.couponLeakShare) {
    raise("coupon_leak", { coupon_orders: f.coupon_orders, without_touch: f.coupon_orders_without_touch, share: round(leakShare) })
  }
  if (f.clicks_last_day >= t.clickBurst && f.conversions_in_window / f.clicks_last_day <= t.clickConversionMax) {
    raise("click_spam", { clicks_last_day: f.clicks_last_day, conversions: f.conversions_in_window, threshold: t.clickBurst })
  }
  if (f.orders_in_window >= t.refundRateMinOrders) {
    const rate = f.canceled_or_refunded / f.orders_in_window
    if (rate >= t.refundRate) raise("refund_rate", { orders: f.orders_in_window, canceled_or_refunded: f.canceled_or_refunded, rate: round(rate) })
    const fresh = f.orders_from_new_accounts / f.orders_in_window
    if (fresh >= t.newAccountShare) raise("new_accounts", { orders: f.orders_in_window, from_new_accounts: f.orders_from_new_accounts, share: round(fresh) })
  }
  const score = round(signals.reduce((sum, s) => sum + s.weight, 0))
  return { score, flagged: score >= t.flagScore, signals }
}

const round = (n: number) => Math.round(n * 1000) / 1000
