import { assessOrderRisk, DEFAULT_RISK_THRESHOLDS, type OrderRiskFigures } from ".."

const honest: OrderRiskFigures = {
  self_referral: false,
  shared_ip_hashes: [],
  customers_at_address: 1,
  coupon_orders: 4,
  coupon_orders_without_touch: 1,
  clicks_last_day: 40,
  conversions_in_window: 12,
  orders_in_window: 12,
  canceled_or_refunded: 1,
  orders_from_new_accounts: 3,
}

describe("order risk", () => {
  it.each<[string, Partial<OrderRiskFigures>, string[], boolean]>([
    ["an honest order", {}, [], false],
    ["the promoter buying as themself", { self_referral: true }, ["self_purchase"], true],
    ["an IP the promoter's own account used", { shared_ip_hashes: ["h1"] }, ["shared_ip"], true],
    ["three customers behind one address", { customers_at_address: 3 }, ["shared_address"], true],
    ["two customers at one address (a household)", { customers_at_address: 2 }, [], false],
    ["a coupon site: 40 of 45 coupon orders never touched the links", { coupon_orders: 45, coupon_orders_without_touch: 40 }, ["coupon_leak"], true],
    ["coupon orders mostly from people who clicked", { coupon_orders: 45, coupon_orders_without_touch: 20 }, [], false],
    ["a click farm: 5,000 clicks a day, one conversion", { clicks_last_day: 5000, conversions_in_window: 1 }, ["click_spam"], true],
    ["a viral post: 5,000 clicks, 60 conversions", { clicks_last_day: 5000, conversions_in_window: 60 }, [], false],
    ["most orders canceled or refunded", { orders_in_window: 10, canceled_or_refunded: 6 }, ["refund_rate"], false],
    ["refunds and brand-new accounts together", { orders_in_window: 10, canceled_or_refunded: 6, orders_from_new_accounts: 10 }, ["refund_rate", "new_accounts"], true],
  ])("%s", (_name, change, codes, flagged) => {
    const result = assessOrderRisk({ ...honest, ...change })
    expect(result.signals.map((s) => s.code)).toEqual(codes)
    expect(result.flagged).toBe(flagged)
    for (const s of result.signals) expect(Object.keys(s.evidence).length).toBeGreaterThan(0)
  })

  it("thresholds are the store's: a stricter address limit flags a household", () => {
    expect(assessOrderRisk({ ...honest, customers_at_address: 2 }, { ...DEFAULT_RISK_THRESHOLDS, sharedAddressCustomers: 2 }).flagged).toBe(true)
  })

  it("on a generated population with planted fraud: every honest order passes, the planted ones are caught", () => {
    // A deterministic generator: honest promoters of every size, and three kinds of planted fraud.
    let seed = 7
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
    type Case = { fraud: boolean; figures: OrderRiskFigures }
    const cases: Case[] = []
    for (let i = 0; i < 2000; i++) {
      const orders = int(1, 400)
      const clicks = int(orders * 5, orders * 60)
      const coupon = int(0, orders)
      cases.push({
        fraud: false,
        figures: {
          self_referral: false,
          shared_ip_hashes: [],
          customers_at_address: rnd() < 0.05 ? 2 : 1,
          coupon_orders: coupon,
          coupon_orders_without_touch: int(0, Math.floor(coupon * 0.6)),
          clicks_last_day: Math.floor(clicks / 30),
          conversions_in_window: orders,
          orders_in_window: orders,
          canceled_or_refunded: int(0, Math.floor(orders * 0.3)),
          orders_from_new_accounts: int(0, Math.floor(orders * 0.7)),
        },
      })
    }
    for (let i = 0; i < 100; i++) {
      const coupon = int(20, 500)
      cases.push({ fraud: true, figures: { ...honest, coupon_orders: coupon, coupon_orders_without_touch: Math.ceil(coupon * (0.85 + rnd() * 0.15)), orders_in_window: coupon, conversions_in_window: coupon } })
      cases.push({ fraud: true, figures: { ...honest, self_referral: rnd() < 0.5, shared_ip_hashes: rnd() < 0.5 ? [] : ["h"], customers_at_address: int(3, 8) } })
      const clicks = int(1000, 50000)
      cases.push({ fraud: true, figures: { ...honest, clicks_last_day: clicks, conversions_in_window: int(0, Math.floor(clicks * 0.002)) } })
    }
    const flagged = cases.map((c) => ({ ...c, flagged: assessOrderRisk(c.figures).flagged }))
    const truePositives = flagged.filter((c) => c.fraud && c.flagged).length
    const falsePositives = flagged.filter((c) => !c.fraud && c.flagged).length
    const precision = truePositives / (truePositives + falsePositives)
    const recall = truePositives / flagged.filter((c) => c.fraud).length
    expect(falsePositives).toBe(0) // honest promoters are never held
    expect(precision).toBe(1)
    expect(recall).toBe(1)
  })
})
