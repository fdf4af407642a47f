import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { checkout, completeCart, createCart } from "../helpers/checkout"
import { eventually, noRedirects, attributionOf as attributionOfOrder } from "../helpers/http"
import { usePluginOptions } from "../helpers/plugin-options"
import { adminSession, storeSession, type Headers } from "../helpers/session"
import type { StoreFixture } from "../../demo/fixtures/store"

jest.setTimeout(240 * 1000)

// A store that credits the first promoter who brought the shopper (issue 13, defect 12).
usePluginOptions({ attributionModel: "first_touch" })

const LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers
    let store: StoreFixture & Headers
    let p1: { id: string }
    let p2: { id: string }

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      store = await storeSession(getContainer())
      p1 = (await api.post("/admin/promoters", { name: "Pat One", email: "p1@example.com", referral_code: "PONE" }, admin)).data.promoter
      p2 = (await api.post("/admin/promoters", { name: "Pat Two", email: "p2@example.com", referral_code: "PTWO" }, admin)).data.promoter
    })

    const kettle = () => store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId

    async function click(url: string, cookie?: string) {
      const res = await api.request({ url, method: "get", ...noRedirects(api), headers: { "user-agent": LAPTOP, ...(cookie ? { cookie } : {}) } })
      expect(res.status).toBe(302)
      return ((res.headers["set-cookie"] ?? [])[0] as string).split(";")[0]
    }

    const touchesWritten = (n: number) =>
      eventually(async () => (await dbConnection.raw("select count(*)::int as n from promoter_touch")).rows[0].n, (c: number) => c >= n)

    const attributionOf = (orderId: string) => attributionOfOrder(api, admin, orderId)

    /** P1's link, then P2's link five days later, in one browser: the cookie now names P2. */
    async function clickBoth() {
      const first = await click("/r/PONE")
      await touchesWritten(1)
      await dbConnection.raw(`update promoter_touch set occurred_at = occurred_at - interval '5 days'`)
      const second = await click("/r/PTWO", first)
      await touchesWritten(2)
      return second
    }

    it("first_touch: a cookie from a later link is a touch like the others, so the first promoter gets the credit", async () => {
      const cookie = await clickBoth()
      const order = await checkout(api, {
        regionId: store.regions.usd,
        variantId: kettle(),
        shippingOptionId: store.shippingOptionId,
        headers: { ...store.headers, cookie },
      })
      const a = await attributionOf(order.id)
      expect(a.promoter_id).toBe(p1.id)
      expect(a.decided_by).toBe("touch")
      expect(a.candidates.some((c: { source: string }) => c.source === "cart_referral")).toBe(false)
      expect(a.candidates.filter((c: { source: string }) => c.source === "touch").map((c: { promoter_id: string }) => c.promoter_id)).toEqual([
        p1.id,
        p2.id,
      ])
    })

    it("an explicit referral given at cart creation survives a later cart write that brings only the cookie", async () => {
      const cookie = await clickBoth()
      const cartId = await createCart(api, {
        regionId: store.regions.usd,
        variantId: kettle(),
        shippingOptionId: store.shippingOptionId,
        headers: store.headers,
        cartBody: { referral_code: "ptwo" },
      })
      await api.post(`/store/carts/${cartId}`, { email: "later@example.com" }, { headers: { ...store.headers, cookie } })
      const cart = (await api.get(`/store/carts/${cartId}`, store)).data.cart
      expect(cart.metadata.promoter_attribution).toEqual(
        expect.objectContaining({ referral_code: "PTWO", referral_source: "body", visitor_id: expect.any(String) })
      )
      const a = await attributionOf((await completeCart(api, cartId, store)).id)
      expect(a).toEqual(expect.objectContaining({ promoter_id: p2.id, decided_by: "cart_referral" }))
      expect(a.candidates.filter((c: { source: string }) => c.source === "touch")).toHaveLength(2)
    })

    it("first_touch: signing up in that browser binds the customer to the first promoter, not the cookie's latest", async () => {
      const cookie = await clickBoth()
      const registered = await api.post("/auth/customer/emailpass/register", { email: "signup@example.com", password: "pw-123456" })
      const created = await api.post(
        "/store/customers",
        { email: "signup@example.com", first_name: "New" },
        { headers: { ...store.headers, authorization: `Bearer ${registered.data.token}`, cookie } }
      )
      expect(created.status).toBe(200)
      const binding = await eventually(
        async () => (await dbConnection.raw("select promoter_id, source from promoter_customer_binding where email = 'signup@example.com'")).rows,
        (rows: unknown[]) => rows.length === 1
      )
      expect(binding).toEqual([{ promoter_id: p1.id, source: "signup" }])
    })

    it("first_touch: a code the storefront sends explicitly (x-referral-code) still wins as a cart referral", async () => {
      const cookie = await clickBoth()
      const order = await checkout(api, {
        regionId: store.regions.usd,
        variantId: kettle(),
        shippingOptionId: store.shippingOptionId,
        headers: { ...store.headers, cookie, "x-referral-code": "PTWO" },
      })
      const a = await attributionOf(order.id)
      expect(a.promoter_id).toBe(p2.id)
      expect(a.decided_by).toBe("cart_referral")
    })
  },
})
