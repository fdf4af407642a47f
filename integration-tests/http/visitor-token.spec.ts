// The signed visitor token a short link puts on its landing URL (`prm`), sent back by a storefront's server in
// `x-promoter-visitor` (issue 14, item 4): it counts exactly as the signed cookie — a visitor whose touches decide —
// and a token that does not verify counts as nothing. integration-tests/browser/storefront.spec.ts drives the same
// through a real storefront on another origin.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { checkout, completeCart, createCart } from "../helpers/checkout"
import { attempt, eventually, noRedirects, attributionOf as attributionOfOrder, visitorTokenOf } from "../helpers/http"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"
import type { StoreFixture } from "../../demo/fixtures/store"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"
import { signVisitorCookie } from "../../src/lib/attribution/cookie"
import { VISITOR_HEADER } from "../../src/storefront"

jest.setTimeout(240 * 1000)

const LAPTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
const DAY = 86400

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers
    let store: StoreFixture & Headers
    let jane: { id: string }
    let mark: { id: string }

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      store = await storeSession(getContainer())
      jane = (await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE" }, admin)).data.promoter
      mark = (await api.post("/admin/promoters", { name: "Mark", email: "mark@example.com", referral_code: "MARK" }, admin)).data.promoter
    })

    const kettle = () => store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId
    const attribution = () => getContainer().resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const secret = () => attribution().getOptions().cookieSecret

    /** A click on a short link: the token the landing URL carries (the cookie's own value), once its touch is stored. */
    async function click(url: string, cookie?: string) {
      const res = await api.request({ url, method: "get", ...noRedirects(api), headers: { "user-agent": LAPTOP, ...(cookie ? { cookie } : {}) } })
      expect(res.status).toBe(302)
      const token = new URL(res.headers.location).searchParams.get("prm")!
      expect(token).toBe(visitorTokenOf(res))
      const [visitorId, code] = token.split(".")
      await eventually(
        async () => (await attribution().listTouches({ visitor_id: visitorId, code })).length,
        (n) => n > 0
      )
      return { token, visitorId, cookie: `prm_ref=${encodeURIComponent(token)}` }
    }

    const order = (headers: Record<string, string>, extra: { promoCodes?: string[]; email?: string } = {}) =>
      checkout(api, { regionId: store.regions.usd, variantId: kettle(), shippingOptionId: store.shippingOptionId, headers: { ...store.headers, ...headers }, ...extra })

    const newCart = async (headers: Record<string, string>) => {
      const res = await attempt(api.post("/store/carts", { region_id: store.regions.usd }, { headers: { ...store.headers, ...headers } }))
      expect(res.status).toBe(200)
      return res.data.cart as { id: string; metadata: Record<string, { visitor_id?: string; referral_code?: string }> | null }
    }

    it("a storefront's server sends the landing URL's token with no cookie: the visitor's touch decides", async () => {
      const { token, visitorId } = await click("/r/JANE?utm_source=chat")
      const placed = await order({ [VISITOR_HEADER]: token })
      const a = await attributionOfOrder(api, admin, placed.id)
      expect(a).toEqual(expect.objectContaining({ promoter_id: jane.id, decided_by: "touch" }))
      expect(a.touches.map((t: { visitor_id: string }) => t.visitor_id)).toEqual([visitorId])
      // The token is a visitor, not a referral: no cart_referral candidate.
      expect(a.candidates.map((c: { source: string }) => c.source)).toEqual(["touch"])
    })

    it("a second click in a browser with the cookie gives the same visitor in its token; the model picks among its touches", async () => {
      const first = await click("/r/JANE")
      await dbConnection.raw(`update promoter_touch set occurred_at = occurred_at - interval '2 days'`)
      const second = await click("/r/MARK", first.cookie)
      expect(second.visitorId).toBe(first.visitorId)
      const a = await attributionOfOrder(api, admin, (await order({ [VISITOR_HEADER]: second.token })).id)
      expect(a).toEqual(expect.objectContaining({ promoter_id: mark.id, decided_by: "touch" })) // last_touch
      expect(a.candidates.filter((c: { source: string }) => c.source === "touch")).toHaveLength(2)
    })

    it("tampered, foreign, expired, future, malformed and oversized tokens are ignored, never a 5xx, and attribute nothing", async () => {
      const { token, visitorId } = await click("/r/JANE")
      const [, code, issuedAt, signature] = token.split(".")
      const now = Math.floor(Date.now() / 1000)
      const forged = {
        // Another visitor's id (one with Jane's touch) under a signature made for a different one.
        otherVisitor: `${"x".repeat(20)}.${code}.${issuedAt}.${signature}`,
        stolenIdNewCode: `${visitorId}.MARK.${issuedAt}.${signature}`,
        flippedSignature: `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`,
        foreignSecret: signVisitorCookie("another-store-secret-0123456789-abcdef", { visitorId, code, issuedAt: now }),
        expired: signVisitorCookie(secret(), { visitorId, code, issuedAt: now - 31 * DAY }),
        future: signVisitorCookie(secret(), { visitorId, code, issuedAt: now + DAY }),
        unsigned: `${visitorId}.${code}.${issuedAt}`,
        bareCode: "JANE",
        oversized: `${visitorId}.${code}.${issuedAt}.${"A".repeat(4000)}`,
      }
      for (const [name, value] of Object.entries(forged)) {
        const cart = await newCart({ [VISITOR_HEADER]: value })
        expect([name, cart.metadata?.promoter_attribution ?? null]).toEqual([name, null])
        const updated = await attempt(api.post(`/store/carts/${cart.id}`, { email: "x@example.com" }, { headers: { ...store.headers, [VISITOR_HEADER]: value } }))
        expect([name, updated.status, updated.data.cart.metadata?.promoter_attribution ?? null]).toEqual([name, 200, null])
      }
      // A whole checkout on a forged visitor: the order is credited to nobody.
      const a = await attributionOfOrder(api, admin, (await order({ [VISITOR_HEADER]: `${visitorId}.${code}.${issuedAt}.${"A".repeat(43)}` })).id)
      expect(a.promoter_id).toBeNull()
      expect(a.candidates).toEqual([])
    })

    it("a header that does not verify leaves the cookie to count; a valid header wins over the cookie", async () => {
      const viaCookie = await click("/r/JANE")
      const viaHeader = await click("/r/MARK") // another browser: another visitor
      const withBadHeader = await newCart({ cookie: viaCookie.cookie, [VISITOR_HEADER]: `${viaHeader.token}x` })
      expect(withBadHeader.metadata?.promoter_attribution?.visitor_id).toBe(viaCookie.visitorId)
      const both = await newCart({ cookie: viaCookie.cookie, [VISITOR_HEADER]: viaHeader.token })
      expect(both.metadata?.promoter_attribution?.visitor_id).toBe(viaHeader.visitorId)
    })

    it("an unsigned referral code stays an explicit claim at most, never a visitor", async () => {
      const cart = await newCart({ "x-referral-code": "JANE" })
      expect(cart.metadata?.promoter_attribution).toEqual(expect.objectContaining({ referral_code: "JANE", referral_source: "header" }))
      expect(cart.metadata?.promoter_attribution?.visitor_id).toBeUndefined()
    })

    it("a logged-in customer's cart write with the token links the visitor to the customer (touches follow them across devices)", async () => {
      const casey = await customerSession(api, store, { email: "casey@example.com" })
      const { token, visitorId } = await click("/r/JANE")
      const cartId = await createCart(api, {
        regionId: store.regions.usd,
        variantId: kettle(),
        shippingOptionId: store.shippingOptionId,
        headers: { ...casey.headers, [VISITOR_HEADER]: token },
      })
      expect(await attribution().listVisitorCustomers({ customer_id: casey.customerId }, { select: ["visitor_id"] })).toEqual([
        expect.objectContaining({ visitor_id: visitorId }),
      ])
      const placed = await completeCart(api, cartId, { headers: casey.headers })
      expect(await attributionOfOrder(api, admin, placed.id)).toEqual(expect.objectContaining({ promoter_id: jane.id, decided_by: "touch" }))
    })

    it("a forged token links no visitor to a customer", async () => {
      const casey = await customerSession(api, store, { email: "casey@example.com" })
      const { visitorId } = await click("/r/JANE")
      const forged = `${visitorId}.JANE.${Math.floor(Date.now() / 1000)}.${"A".repeat(43)}`
      await newCart({ authorization: casey.headers.authorization, [VISITOR_HEADER]: forged })
      await api.get("/store/customers/me", { headers: { ...casey.headers, [VISITOR_HEADER]: forged } })
      expect(await attribution().listVisitorCustomers({ customer_id: casey.customerId })).toEqual([])
    })

    it("sign-up from a storefront's server with the token binds the customer to the visitor's promoter", async () => {
      const { token } = await click("/r/MARK")
      const registered = await api.post("/auth/customer/emailpass/register", { email: "signup@example.com", password: "pw-123456" })
      const created = await api.post(
        "/store/customers",
        { email: "signup@example.com", first_name: "New" },
        { headers: { ...store.headers, authorization: `Bearer ${registered.data.token}`, [VISITOR_HEADER]: token } }
      )
      expect(created.status).toBe(200)
      const binding = await eventually(
        async () => (await dbConnection.raw("select promoter_id, source from promoter_customer_binding where email = 'signup@example.com'")).rows,
        (rows: unknown[]) => rows.length === 1
      )
      expect(binding).toEqual([{ promoter_id: mark.id, source: "signup" }])
    })

    it("an anonymous touch naming a shopper's visitor id adds nothing to that shopper; the visitor's own token or a touch key may", async () => {
      const { token, visitorId } = await click("/r/JANE")
      const touch = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
        attempt(api.post("/store/referrals/touches", body, { headers: { ...store.headers, ...headers } }))
      // Someone who learnt the visitor id (from a landing URL, a log) records a touch for MARK under it.
      const forged = await touch({ code: "MARK", channel: "mobile", visitor_id: visitorId })
      expect(forged.status).toBe(201)
      expect(forged.data.touch.visitor_id).not.toBe(visitorId)
      expect(await attribution().listTouches({ visitor_id: visitorId, code: "MARK" })).toEqual([])
      const placed = await order({ [VISITOR_HEADER]: token })
      const a = await attributionOfOrder(api, admin, placed.id)
      expect(a).toEqual(expect.objectContaining({ promoter_id: jane.id, decided_by: "touch" }))
      expect(a.candidates.map((c: { promoter_id: string }) => c.promoter_id)).toEqual([jane.id])

      // The app on the shopper's own device, which holds the token, records for the visitor itself.
      const own = await touch({ code: "MARK", channel: "mobile", visitor_id: visitorId }, { [VISITOR_HEADER]: token })
      expect(own.status).toBe(201)
      expect(own.data.touch.visitor_id).toBe(visitorId)
      // So does an app with a touch key the admin issued.
      const key = (await api.post("/admin/promoter-touch-keys", { name: "Till" }, admin)).data
      const keyed = await touch({ code: "JANE", channel: "in_store", visitor_id: visitorId }, { "x-promoter-touch-key": key.secret })
      expect(keyed.status).toBe(201)
      expect(keyed.data.touch.visitor_id).toBe(visitorId)
    })

    it("browsers on the storefront's origin may send the header (the store's CORS allows it)", async () => {
      const res = await attempt(
        api.request({
          url: "/store/carts",
          method: "options",
          headers: {
            origin: "http://localhost:8000",
            "access-control-request-method": "POST",
            "access-control-request-headers": `content-type,x-publishable-api-key,${VISITOR_HEADER}`,
          },
        })
      )
      expect(res.status).toBe(204)
      expect(res.headers["access-control-allow-origin"]).toBe("http://localhost:8000")
      expect(String(res.headers["access-control-allow-headers"]).split(",")).toContain(VISITOR_HEADER)
    })
  },
})
