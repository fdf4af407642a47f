// The coupon-leak signal through real orders and touches: a promoter's coupon used by customers who never touched
// the promoter (a coupon site) flags the order; a customer who touched the promoter first does not count as a leak.
// Small thresholds (two leaked orders, 60 %) keep the test short; the figures are the read model's, from the database.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { checkout } from "../helpers/checkout"
import { eventually } from "../helpers/http"
import { usePluginOptions } from "../helpers/plugin-options"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"
import type { StoreFixture } from "../../demo/fixtures/store"

jest.setTimeout(300 * 1000)

usePluginOptions({ risk: { thresholds: { couponLeakOrders: 2, couponLeakShare: 0.6 } } })

type Signal = { code: string; evidence: Record<string, unknown> }

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer }) => {
    let admin: Headers
    let store: StoreFixture & Headers

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      store = await storeSession(getContainer())
      const tier = (await api.post("/admin/promoter-tiers", { name: "Base", rank: 1, commission_rates_bps: [1000] }, admin)).data.tier
      const leaky = (await api.post("/admin/promoters", { name: "Leaky", email: "leaky@example.com", referral_code: "LEAKY", tier_id: tier.id }, admin)).data.promoter
      // The promoter's default coupon (LEAKY10), made when they become active.
      await eventually(async () => (await api.get(`/admin/promoters/${leaky.id}/coupons`, admin)).data.coupons as { code: string }[], (c) => c.some((x) => x.code === "LEAKY10"))
    })

    const kettle = () => store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId
    const couponOrder = (email: string, headers: Record<string, string>) =>
      checkout(api, { regionId: store.regions.usd, variantId: kettle(), shippingOptionId: store.shippingOptionId, email, headers, promoCodes: ["LEAKY10"] })
    const assessmentOf = async (orderId: string) =>
      (
        await eventually(
          async () => (await api.get("/admin/promoter-risk?review=all", admin)).data.assessments as { order_id: string; flagged: boolean; signals: Signal[] }[],
          (list) => list.some((a) => a.order_id === orderId)
        )
      ).find((a) => a.order_id === orderId)!

    it("flags coupon orders from customers who never touched the promoter, and not those who did", async () => {
      // A fan touches the promoter (logged in, so the touch names them), then orders with the coupon.
      const fan = await customerSession(api, store, { email: "fan@example.com" })
      const touched = await api.post("/store/referrals/touches", { code: "LEAKY", channel: "social" }, { headers: { ...store.headers, ...fan.headers } })
      expect(touched.status).toBeLessThan(300)
      const first = await couponOrder("fan@example.com", { ...store.headers, ...fan.headers })
      expect(await assessmentOf(first.id)).toEqual(expect.objectContaining({ flagged: false, signals: [] }))

      // Two strangers from a coupon site: the second makes two leaked of three coupon orders (67 % ≥ 60 %).
      const a = await customerSession(api, store, { email: "site-a@example.com" })
      const second = await couponOrder("site-a@example.com", { ...store.headers, ...a.headers })
      expect((await assessmentOf(second.id)).flagged).toBe(false)
      const b = await customerSession(api, store, { email: "site-b@example.com" })
      const third = await couponOrder("site-b@example.com", { ...store.headers, ...b.headers })
      const flagged = await assessmentOf(third.id)
      expect(flagged.flagged).toBe(true)
      expect(flagged.signals).toEqual([
        expect.objectContaining({ code: "coupon_leak", evidence: expect.objectContaining({ coupon_orders: 3, without_touch: 2 }) }),
      ])
    })
  },
})
