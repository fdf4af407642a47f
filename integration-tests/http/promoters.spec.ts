import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import path from "node:path"
import { updatePromoterWorkflow } from "../../src/workflows/promoter/update-promoter"
import { createCart } from "../helpers/checkout"
import { attempt, eventually } from "../helpers/http"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"

/** A code change inside a larger workflow whose next step fails: everything the code change did must be undone. */
const codeChangeThenFailure = createWorkflow("test-code-change-then-failure", (input: { id: string; referral_code: string }) => {
  updatePromoterWorkflow.runAsStep({ input })
  createStep("test-fails-after-the-code-change", async () => {
    throw new Error("a later step failed")
  })()
  return new WorkflowResponse(null)
})

jest.setTimeout(180 * 1000)

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
    })

    const create = async (body: Record<string, unknown>) =>
      (await api.post("/admin/promoters", body, admin)).data.promoter
    const count = async () => (await api.get("/admin/promoters?limit=1", admin)).data.count as number

    describe("enrolment by an admin", () => {
      it("creates a promoter with a generated, unambiguous code, share links and a default coupon", async () => {
        const res = await api.post("/admin/promoters", { name: "Jane Doe", email: "Jane@Example.com" }, admin)
        expect(res.status).toBe(201)
        const p = res.data.promoter
        expect(p.id).toMatch(/^prom_/)
        expect(p.status).toBe("active")
        expect(p.email).toBe("jane@example.com")
        expect(p.referral_code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{7}$/)
        expect(p.share.short_link).toBe(`http://localhost:9000/r/${p.referral_code}`)
        expect(p.share.qr_png).toBe(`http://localhost:9000/r/${p.referral_code}/qr?format=png`)

        const coupons = await eventually(
          async () => (await api.get(`/admin/promoters/${p.id}/coupons`, admin)).data.coupons,
          (c: unknown[]) => c.length > 0
        )
        expect(coupons).toHaveLength(1)
        expect(coupons[0]).toEqual(
          expect.objectContaining({
            code: `${p.referral_code}10`,
            status: "active",
            application_method: expect.objectContaining({ type: "percentage", value: 10 }),
          })
        )
      })

      it("accepts a vanity code case-insensitively and refuses bad or taken ones with a 400, creating nothing", async () => {
        const jane = await create({ name: "Jane", email: "jane@example.com", referral_code: "jane-doe" })
        expect(jane.referral_code).toBe("JANE-DOE")
        const before = await count()
        for (const [code, message] of [
          ["Jane-Doe", 'referral_code "JANE-DOE" is already taken'],
          ["ab", "referral_code must be 3 to 32 characters"],
          ["no spaces", "referral_code may contain only letters A-Z, digits and inner hyphens"],
          ["admin", 'referral_code "ADMIN" is reserved'],
        ]) {
          const res = await attempt(api.post("/admin/promoters", { name: "X", email: "x@example.com", referral_code: code }, admin))
          expect(res.status).toBe(400)
          expect(res.data.message).toBe(message)
        }
        expect(await count()).toBe(before)
      })

      it("validates the body and names the bad field", async () => {
        const res = await attempt(api.post("/admin/promoters", { name: "X", email: "not-an-email", colour: "red" }, admin))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/email/)
        expect(await count()).toBe(0)
      })

      it("puts a recruit under an active sponsor found by code, and emits promoter.recruited for the sponsor", async () => {
        const events: unknown[] = []
        const eventBus = getContainer().resolve(Modules.EVENT_BUS)
        eventBus.subscribe("promoter.recruited", async (event: { data: unknown }) => {
          events.push(event.data)
        })
        const jane = await create({ name: "Jane", email: "jane@example.com", referral_code: "JANE" })
        const sam = await create({ name: "Sam", email: "sam@example.com", sponsor_code: "jane" })
        expect(sam.sponsor_id).toBe(jane.id)
        await eventually(async () => events, (e) => e.length > 0)
        expect(events).toEqual([{ id: jane.id, recruit_id: sam.id }])
      })

      it("refuses unknown and inactive sponsors", async () => {
        const unknown = await attempt(api.post("/admin/promoters", { name: "A", email: "a@example.com", sponsor_code: "NOPE" }, admin))
        expect(unknown.status).toBe(400)
        expect(unknown.data.message).toBe('No promoter has the sponsor code "NOPE"')

        const paused = await create({ name: "P", email: "p@example.com", status: "suspended", referral_code: "PAUSED" })
        const inactive = await attempt(
          api.post("/admin/promoters", { name: "B", email: "b@example.com", sponsor_id: paused.id }, admin)
        )
        expect(inactive.status).toBe(400)
        expect(inactive.data.message).toBe(`Sponsor ${paused.id} is not active (suspended)`)
        expect(await count()).toBe(1)
      })
    })

    describe("the sponsor tree", () => {
      async function tree() {
        const a = await create({ name: "A", email: "a@example.com", referral_code: "AAA" })
        const b = await create({ name: "B", email: "b@example.com", sponsor_id: a.id })
        const c = await create({ name: "C", email: "c@example.com", sponsor_id: b.id })
        const d = await create({ name: "D", email: "d@example.com", sponsor_id: c.id })
        return { a, b, c, d }
      }

      it("answers the downline to a depth and the upline nearest first", async () => {
        const { a, b, c, d } = await tree()
        const down2 = (await api.get(`/admin/promoters/${a.id}/downline?depth=2`, admin)).data.downline
        expect(down2.map((n: { id: string; level: number }) => [n.id, n.level])).toEqual([
          [b.id, 1],
          [c.id, 2],
        ])
        const down = (await api.get(`/admin/promoters/${a.id}/downline?depth=5`, admin)).data.downline
        expect(down.map((n: { id: string }) => n.id)).toEqual([b.id, c.id, d.id])
        const up = (await api.get(`/admin/promoters/${d.id}/upline`, admin)).data.upline
        expect(up.map((n: { id: string; level: number; name: string }) => [n.id, n.level, n.name])).toEqual([
          [c.id, 1, "C"],
          [b.id, 2, "B"],
          [a.id, 3, "A"],
        ])
        const bad = await attempt(api.get(`/admin/promoters/${a.id}/downline?depth=500`, admin))
        expect(bad.status).toBe(400)
      })

      it("refuses self-sponsorship and cycles, and changes nothing", async () => {
        const { a, b, d } = await tree()
        const self = await attempt(api.post(`/admin/promoters/${b.id}`, { sponsor_id: b.id }, admin))
        expect(self.status).toBe(400)
        expect(self.data.message).toBe("A promoter cannot sponsor themselves")
        const cycle = await attempt(api.post(`/admin/promoters/${a.id}`, { sponsor_id: d.id, name: "Renamed" }, admin))
        expect(cycle.status).toBe(400)
        expect(cycle.data.message).toContain("would create a cycle")
        const after = (await api.get(`/admin/promoters/${a.id}`, admin)).data.promoter
        expect(after.sponsor_id).toBeNull()
        expect(after.name).toBe("A")
      })

      it("moves a sponsor legally, and never lets two opposite concurrent moves make a cycle", async () => {
        const { a, d } = await tree()
        const moved = await api.post(`/admin/promoters/${d.id}`, { sponsor_id: a.id }, admin)
        expect(moved.data.promoter.sponsor_id).toBe(a.id)

        const x = await create({ name: "X", email: "x@example.com" })
        const y = await create({ name: "Y", email: "y@example.com" })
        const results = await Promise.all([
          attempt(api.post(`/admin/promoters/${x.id}`, { sponsor_id: y.id }, admin)),
          attempt(api.post(`/admin/promoters/${y.id}`, { sponsor_id: x.id }, admin)),
        ])
        expect(results.map((r) => r.status).sort()).toEqual([200, 400])
        const [xa, ya] = await Promise.all([
          api.get(`/admin/promoters/${x.id}`, admin),
          api.get(`/admin/promoters/${y.id}`, admin),
        ])
        const pointsAtEachOther = xa.data.promoter.sponsor_id === y.id && ya.data.promoter.sponsor_id === x.id
        expect(pointsAtEachOther).toBe(false)
      })
    })

    describe("listing and updating", () => {
      it("searches, filters by status, tier and sponsor, and paginates", async () => {
        const gold = (await api.post("/admin/promoter-tiers", { name: "Gold", rank: 2, commission_rates_bps: [1500, 500] }, admin))
          .data.tier
        const jane = await create({ name: "Jane Doe", email: "jane@example.com", tier_id: gold.id })
        await create({ name: "Sam Smith", email: "sam@example.com", sponsor_id: jane.id })
        await create({ name: "Lee Jones", email: "lee@example.com", status: "pending" })

        const search = (await api.get("/admin/promoters?q=smith", admin)).data
        expect(search.promoters.map((p: { name: string }) => p.name)).toEqual(["Sam Smith"])
        const pending = (await api.get("/admin/promoters?status=pending", admin)).data
        expect(pending.promoters.map((p: { name: string }) => p.name)).toEqual(["Lee Jones"])
        const golden = (await api.get(`/admin/promoters?tier_id=${gold.id}`, admin)).data
        expect(golden.promoters.map((p: { name: string; tier: { name: string } }) => [p.name, p.tier.name])).toEqual([
          ["Jane Doe", "Gold"],
        ])
        const recruits = (await api.get(`/admin/promoters?sponsor_id=${jane.id}`, admin)).data
        expect(recruits.count).toBe(1)
        const page = (await api.get("/admin/promoters?limit=2&offset=2&order=created_at", admin)).data
        expect(page).toEqual(expect.objectContaining({ count: 3, offset: 2, limit: 2 }))
        expect(page.promoters.map((p: { name: string }) => p.name)).toEqual(["Lee Jones"])
        const badStatus = await attempt(api.get("/admin/promoters?status=retired", admin))
        expect(badStatus.status).toBe(400)
      })

      it("updates status and tier, and 404s on unknown ids", async () => {
        const tier = (await api.post("/admin/promoter-tiers", { name: "Bronze", rank: 1, commission_rates_bps: [1000] }, admin))
          .data.tier
        const p = await create({ name: "Jane", email: "jane@example.com", status: "pending" })
        const updated = (await api.post(`/admin/promoters/${p.id}`, { status: "active", tier_id: tier.id }, admin)).data.promoter
        expect(updated.status).toBe("active")
        expect(updated.tier.name).toBe("Bronze")
        expect((await attempt(api.get("/admin/promoters/prom_nope", admin))).status).toBe(404)
        expect((await attempt(api.post("/admin/promoters/prom_nope", { name: "X" }, admin))).status).toBe(404)
        const badTier = await attempt(api.post(`/admin/promoters/${p.id}`, { tier_id: "ptier_nope" }, admin))
        expect(badTier.status).toBe(400)
        const dupTier = await attempt(api.post("/admin/promoter-tiers", { name: "Bronze", rank: 5, commission_rates_bps: [1] }, admin))
        expect(dupTier.status).toBe(400)
        const badRates = await attempt(api.post("/admin/promoter-tiers", { name: "Silver", rank: 3, commission_rates_bps: [-5] }, admin))
        expect(badRates.status).toBe(400)
      })
    })

    describe("self-enrolment by a customer", () => {
      it("enrols a logged-in customer under a sponsor, once, and shows them only their own promoter", async () => {
        const store = await storeSession(getContainer())
        const jane = await create({ name: "Jane", email: "jane@example.com", referral_code: "JANE" })
        const casey = await customerSession(api, store, { email: "casey@example.com" })

        const notYet = await attempt(api.get("/store/promoters/me", casey))
        expect(notYet.status).toBe(404)

        const res = await api.post("/store/promoters/me", { sponsor_code: "JANE", referral_code: "casey" }, casey)
        expect(res.status).toBe(201)
        expect(res.data.promoter).toEqual(
          expect.objectContaining({ name: "Casey Customer", email: "casey@example.com", referral_code: "CASEY", sponsor_id: jane.id })
        )
        expect(res.data.promoter.customer.id).toBe(casey.customerId)

        // Enrolling again is idempotent: the same promoter (issue 13, defect 10; it was a 409 before); asking for
        // another code is the conflict.
        const again = await attempt(api.post("/store/promoters/me", {}, casey))
        expect(again.status).toBe(200)
        expect(again.data.promoter.id).toBe(res.data.promoter.id)
        const otherCode = await attempt(api.post("/store/promoters/me", { referral_code: "casey-two" }, casey))
        expect(otherCode.status).toBe(409)
        expect(otherCode.data.message).toBe(
          `You are already a promoter (code CASEY); change your code with POST /store/promoters/me/referral-code`
        )

        const me = (await api.get("/store/promoters/me", casey)).data.promoter
        expect(me.id).toBe(res.data.promoter.id)

        const renamed = (await api.post("/store/promoters/me/referral-code", { code: "casey-tea" }, casey)).data.promoter
        expect(renamed.referral_code).toBe("CASEY-TEA")
        const taken = await attempt(api.post("/store/promoters/me/referral-code", { code: "jane" }, casey))
        expect(taken.status).toBe(400)

        const anonymous = await attempt(api.post("/store/promoters/me", {}, store))
        expect(anonymous.status).toBe(401)
        const noKey = await attempt(api.get("/store/promoters/me", { headers: { authorization: casey.headers.authorization } }))
        expect(noKey.status).toBe(400)
      })

      it("six concurrent enrolments by one customer make one promoter with one default coupon", async () => {
        const store = await storeSession(getContainer())
        const sam = await customerSession(api, store, { email: "six@example.com" })
        const results = await Promise.all(Array.from({ length: 6 }, () => attempt(api.post("/store/promoters/me", {}, sam))))
        expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201])
        const ids = new Set(results.map((r) => r.data.promoter.id))
        expect(ids.size).toBe(1)
        const [id] = [...ids]
        const rows = await dbConnection.raw("select id from promoter where email = 'six@example.com' and deleted_at is null")
        expect(rows.rows).toEqual([{ id }])
        const coupons = async () => (await api.get(`/admin/promoters/${id}/coupons`, admin)).data.coupons as unknown[]
        await eventually(coupons, (c) => c.length >= 1)
        await new Promise((r) => setTimeout(r, 1500))
        expect(await coupons()).toHaveLength(1)
        const defaults = await dbConnection.raw(
          "select count(*)::int as n from promotion where metadata->>'is_default' = 'true' and deleted_at is null"
        )
        expect(defaults.rows[0].n).toBe(1)
        expect((await api.get("/store/promoters/me", sam)).data.promoter.id).toBe(id)
      })
    })

    describe("a new referral code and the default coupon", () => {
      type Coupon = { id: string; code: string; status: string; metadata: Record<string, unknown> | null }
      const couponsOf = async (id: string) => (await api.get(`/admin/promoters/${id}/coupons`, admin)).data.coupons as Coupon[]
      const defaults = (coupons: Coupon[]) => coupons.filter((c) => c.metadata?.is_default === true)

      it("gives the default coupon the new code (a new Medusa promotion); the old code keeps working and is no longer the default", async () => {
        const store = await storeSession(getContainer())
        const casey = await customerSession(api, store, { email: "casey@example.com" })
        const promoter = (await api.post("/store/promoters/me", { referral_code: "casey" }, casey)).data.promoter
        const [first] = await eventually(() => couponsOf(promoter.id), (c) => c.length === 1)
        expect(first).toEqual(expect.objectContaining({ code: "CASEY10", status: "active" }))

        await api.post("/store/promoters/me/referral-code", { code: "casey-tea" }, casey)
        const afterStore = await couponsOf(promoter.id)
        expect(afterStore).toHaveLength(2)
        const [renamed] = defaults(afterStore)
        expect(renamed).toEqual(expect.objectContaining({ code: "CASEYTEA10", status: "active" }))
        expect(renamed.metadata).toEqual(expect.objectContaining({ promoter_code: "CASEY-TEA", is_default: true }))
        const old = afterStore.find((c) => c.id === first.id)!
        expect(old).toEqual(expect.objectContaining({ code: "CASEY10", status: "active" }))
        expect(old.metadata).toEqual(expect.objectContaining({ is_default: false, replaced_by: renamed.id }))
        // The promoter's own list shows both, in the same shape.
        expect(((await api.get("/store/promoters/me/coupons", casey)).data.coupons as Coupon[]).map((c) => c.code).sort()).toEqual(["CASEY10", "CASEYTEA10"])

        // Both codes apply to a shopper's cart through Medusa's cart promotions API.
        const kettle = store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId
        for (const code of ["CASEYTEA10", "CASEY10"]) {
          const cartId = await createCart(api, { regionId: store.regions.usd, variantId: kettle, shippingOptionId: store.shippingOptionId, headers: store.headers, promoCodes: [code] })
          const cart = (await api.get(`/store/carts/${cartId}`, store)).data.cart
          expect(cart.promotions.map((p: { code: string }) => p.code)).toEqual([code])
          expect(cart.discount_total).toBeGreaterThan(0)
        }

        // The admin's update of referral_code does the same; there is always exactly one default coupon.
        await api.post(`/admin/promoters/${promoter.id}`, { referral_code: "casey-gold" }, admin)
        const afterAdmin = await couponsOf(promoter.id)
        expect(afterAdmin.map((c) => c.code).sort()).toEqual(["CASEY10", "CASEYGOLD10", "CASEYTEA10"])
        expect(defaults(afterAdmin).map((c) => c.code)).toEqual(["CASEYGOLD10"])
        expect(afterAdmin.every((c) => c.status === "active")).toBe(true)

        // An update that does not change the code (or repeats it) makes no coupon.
        await api.post(`/admin/promoters/${promoter.id}`, { referral_code: "Casey-Gold", name: "Casey C." }, admin)
        expect(await couponsOf(promoter.id)).toHaveLength(3)
      })

      it("undoes a code change and its new default coupon when a later step fails: the old code and coupon stay as they were", async () => {
        const store = await storeSession(getContainer())
        const robin = await customerSession(api, store, { email: "robin@example.com" })
        const promoter = (await api.post("/store/promoters/me", { referral_code: "robin" }, robin)).data.promoter
        const [first] = await eventually(() => couponsOf(promoter.id), (c) => c.length === 1)
        const promotions = async () => ({
          promotions: (await dbConnection.raw("select id, code, status, metadata, campaign_id from promotion where deleted_at is null order by id")).rows,
          campaigns: (await dbConnection.raw("select id, campaign_identifier from promotion_campaign where deleted_at is null order by id")).rows,
          links: (await dbConnection.raw("select promoter_id, promotion_id from promoter_promoter_promotion_promotion where deleted_at is null order by 2")).rows,
        })
        const promotionsBefore = await promotions()

        const { errors } = await codeChangeThenFailure(getContainer()).run({ input: { id: promoter.id, referral_code: "robin-new" }, throwOnError: false })
        expect(errors.map((e: { error: { message: string } }) => e.error.message)).toEqual(["a later step failed"])

        expect((await api.get(`/admin/promoters/${promoter.id}`, admin)).data.promoter.referral_code).toBe("ROBIN")
        // The new default coupon (a Medusa promotion, its campaign and its link) is gone; the old one is the default again.
        expect(await promotions()).toEqual(promotionsBefore)
        const after = await couponsOf(promoter.id)
        expect(after).toEqual([expect.objectContaining({ id: first.id, code: "ROBIN10", status: "active", metadata: first.metadata })])
        expect((await dbConnection.raw("select count(*)::int as n from promotion where code = 'ROBINNEW10' and deleted_at is null")).rows[0].n).toBe(0)
        // And the code can still be changed for real afterwards.
        await api.post(`/admin/promoters/${promoter.id}`, { referral_code: "robin-new" }, admin)
        expect(defaults(await couponsOf(promoter.id)).map((c) => c.code)).toEqual(["ROBINNEW10"])
      })
    })

    describe("invitations", () => {
      it("holds rateLimits.invitationsPerDay (50) under 150 concurrent invitations: 50 sent, the rest 429", async () => {
        const store = await storeSession(getContainer())
        const kim = await customerSession(api, store, { email: "kim@example.com" })
        await api.post("/store/promoters/me", {}, kim)
        const results = await Promise.all(
          Array.from({ length: 150 }, (_, i) =>
            attempt(api.post("/store/promoters/me/invitations", { email: `friend-${i}@example.com` }, kim))
          )
        )
        const statuses = results.map((r) => r.status)
        expect(statuses.filter((s) => s === 201)).toHaveLength(50)
        expect(statuses.filter((s) => s === 429)).toHaveLength(100)
        expect(results.find((r) => r.status === 429)!.data.message).toMatch(/50 invitations a day/)
        const sent = await dbConnection.raw("select count(*)::int as n from notification where template = 'promoter-invitation'")
        expect(sent.rows[0].n).toBe(50)
        const stats = (await api.get("/store/promoters/me/stats", kim)).data.stats
        expect(stats.totals.invitations).toBe(50)
      })
    })
  },
})
