// Who may say that a touch is about a person (issue 13, defect 7): an anonymous caller could name any e-mail, so the
// victim's next guest order went to the attacker's promoter (and bound the victim to them for life); rotating
// X-Forwarded-For raised the touch rate limit. The store here is not behind a proxy (trustProxy left false).
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { checkout } from "../helpers/checkout"
import { attempt, attributionOf as attributionOfOrder } from "../helpers/http"
import { usePluginOptions } from "../helpers/plugin-options"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"
import type { StoreFixture } from "../../demo/fixtures/store"

jest.setTimeout(240 * 1000)

const TOUCHES_PER_MINUTE = 30
usePluginOptions({ rateLimits: { touchesPerMinute: TOUCHES_PER_MINUTE } })

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers
    let store: StoreFixture & Headers
    let kim: { id: string }

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      store = await storeSession(getContainer())
      kim = (await api.post("/admin/promoters", { name: "Kim", email: "kim@example.com", referral_code: "KIM" }, admin)).data.promoter
    })

    const kettle = () => store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId
    const touch = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      attempt(api.post("/store/referrals/touches", body, { headers: { ...store.headers, ...headers } }))
    const touchRows = async () =>
      (await dbConnection.raw("select email, customer_id, visitor_id, ip_hash from promoter_touch where source = 'api' order by occurred_at")).rows
    const guestOrder = (email: string) =>
      checkout(api, { regionId: store.regions.usd, variantId: kettle(), shippingOptionId: store.shippingOptionId, email, headers: store.headers })

    const attributionOf = (orderId: string) => attributionOfOrder(api, admin, orderId)

    it("refuses an anonymous touch that names an e-mail, records nothing, and the victim's next order is not the promoter's", async () => {
      const forged = await touch({ code: "KIM", channel: "web", email: "victim@example.com" })
      expect(forged.status).toBe(403)
      expect(forged.data.message).toMatch(/touch key/)
      expect(await touchRows()).toEqual([])
      // A visitor id (the app's own install id) is what an anonymous caller may send.
      expect((await touch({ code: "KIM", channel: "mobile", visitor_id: "app-install-1" })).status).toBe(201)

      const order = await guestOrder("victim@example.com")
      const a = await attributionOf(order.id)
      expect(a.promoter_id).toBeNull()
      expect(a.decided_by).toBe("none")
      const bindings = await dbConnection.raw("select id from promoter_customer_binding where email = 'victim@example.com'")
      expect(bindings.rows).toEqual([])
    })

    it("lets a logged-in customer record a touch about themselves, never with another e-mail", async () => {
      const casey = await customerSession(api, store, { email: "casey@example.com" })
      const own = await touch({ code: "KIM", channel: "mobile", email: "Casey@Example.com" }, casey.headers)
      expect(own.status).toBe(201)
      const noEmail = await touch({ code: "KIM", channel: "mobile" }, casey.headers)
      expect(noEmail.status).toBe(201)
      const other = await touch({ code: "KIM", channel: "mobile", email: "victim@example.com" }, casey.headers)
      expect(other.status).toBe(403)
      expect(other.data.message).toMatch(/about themselves/)
      const rows = await touchRows()
      expect(rows.map((r: { email: string; customer_id: string }) => [r.email, r.customer_id])).toEqual([
        ["casey@example.com", casey.customerId],
        ["casey@example.com", casey.customerId],
      ])
    })

    it("lets a till with an admin-issued key name a walk-in; a revoked or unknown key is refused", async () => {
      const issued = await api.post("/admin/promoter-touch-keys", { name: "Shop till 1" }, admin)
      expect(issued.status).toBe(201)
      const { secret, touch_key } = issued.data
      expect(secret).toMatch(/^ptk_[A-Za-z0-9]{40}$/)
      expect(touch_key).toEqual(expect.objectContaining({ name: "Shop till 1", revoked_at: null, secret_hint: `${secret.slice(0, 8)}…` }))
      const listed = (await api.get("/admin/promoter-touch-keys", admin)).data.touch_keys
      expect(listed).toHaveLength(1)
      expect(JSON.stringify(listed)).not.toContain(secret)
      expect(listed[0].secret_hash).toBeUndefined()
      const stored = (await dbConnection.raw("select secret_hash from promoter_touch_key")).rows[0].secret_hash
      expect(stored).toMatch(/^[0-9a-f]{64}$/)
      expect(stored).not.toContain(secret.slice(4))
      expect((await attempt(api.post("/admin/promoter-touch-keys", { name: "" }, admin))).status).toBe(400)
      expect((await attempt(api.post("/admin/promoter-touch-keys", { name: "x" }, store))).status).toBe(401)

      const till = await touch({ code: "KIM", channel: "in_store", email: "walk-in@example.com" }, { "x-promoter-touch-key": secret })
      expect(till.status).toBe(201)
      const bearer = await touch({ code: "KIM", channel: "in_store", email: "second@example.com" }, { authorization: `Bearer ${secret}` })
      expect(bearer.status).toBe(201)
      const a = await attributionOf((await guestOrder("walk-in@example.com")).id)
      expect(a).toEqual(expect.objectContaining({ promoter_id: kim.id, decided_by: "touch", channel: "in_store" }))

      const revoked = await api.post(`/admin/promoter-touch-keys/${touch_key.id}/revoke`, {}, admin)
      expect(revoked.status).toBe(200)
      expect(revoked.data.touch_key.revoked_at).toBeTruthy()
      const before = (await touchRows()).length
      const refused = await touch({ code: "KIM", channel: "in_store", email: "third@example.com" }, { "x-promoter-touch-key": secret })
      expect(refused.status).toBe(401)
      const unknown = await touch({ code: "KIM", channel: "in_store", email: "third@example.com" }, { "x-promoter-touch-key": "ptk_not-a-key" })
      expect(unknown.status).toBe(401)
      expect((await touchRows()).length).toBe(before)
      expect((await attempt(api.post("/admin/promoter-touch-keys/ptk_nope/revoke", {}, admin))).status).toBe(404)
    })

    it("does not let a client pick its address with X-Forwarded-For: rotating it neither raises the rate limit nor changes the IP hash", async () => {
      const statuses: number[] = []
      for (let i = 0; i < TOUCHES_PER_MINUTE + 10; i++) {
        const res = await touch({ code: "KIM", channel: "mobile", visitor_id: `rotating-${i}` }, { "x-forwarded-for": `203.0.113.${i + 1}` })
        statuses.push(res.status)
      }
      // The file's earlier touches share this window, so at most the limit is accepted, and the rest are 429.
      expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(TOUCHES_PER_MINUTE)
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10)
      expect(statuses.every((s) => s === 201 || s === 429)).toBe(true)
      const hashes = new Set((await touchRows()).map((r: { ip_hash: string }) => r.ip_hash))
      expect(hashes.size).toBe(1)
    })
  },
})
