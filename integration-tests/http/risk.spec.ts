// Fraud and risk through real orders: an order whose promoter's conversions share one address with other customers
// is flagged when its commissions are written, its commissions are held out of approval and sit in the fraud review
// queue with the evidence; an admin approves (the normal hold applies) or rejects (never paid); honest promoters'
// orders are never held; rules see the promoter's risk; the read model's columns are where it says.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import path from "node:path"
import { checkout } from "../helpers/checkout"
import { eventually } from "../helpers/http"
import { adminSession, storeSession, type Headers } from "../helpers/session"
import type { StoreFixture } from "../../demo/fixtures/store"
import { COMPENSATION_MODULE } from "../../src/modules/compensation"
import type CompensationModuleService from "../../src/modules/compensation/service"
import { RISK_COLUMNS } from "../../src/read-models/risk"

jest.setTimeout(300 * 1000)

type Entry = { id: string; promoter_id: string; status: string; hold_reason: string | null; order_id: string }
type Assessment = { id: string; order_id: string; promoter_id: string; review: string; flagged: boolean; signals: { code: string; evidence: Record<string, unknown> }[]; entries: Entry[]; promoter: { name: string } | null }

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers
    let store: StoreFixture & Headers
    const flaggedEvents: Record<string, unknown>[] = []

    beforeAll(() => {
      getContainer()
        .resolve(Modules.EVENT_BUS)
        .subscribe("promoter.risk_flagged", async (e) => {
          flaggedEvents.push(e.data as Record<string, unknown>)
        })
    })

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      store = await storeSession(getContainer())
      const tier = (await api.post("/admin/promoter-tiers", { name: "Base", rank: 1, commission_rates_bps: [1000, 500] }, admin)).data.tier
      const up = (await api.post("/admin/promoters", { name: "Upline", email: "up@example.com", referral_code: "UPLINE", tier_id: tier.id }, admin)).data.promoter
      await api.post("/admin/promoters", { name: "Risky", email: "risky@example.com", referral_code: "RISKY", tier_id: tier.id, sponsor_id: up.id }, admin)
      await api.post("/admin/promoters", { name: "Honest", email: "honest@example.com", referral_code: "HONEST", tier_id: tier.id, sponsor_id: up.id }, admin)
      flaggedEvents.length = 0
    })

    const kettle = () => store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId
    const order = (code: string, email: string, street?: string) =>
      checkout(api, {
        regionId: store.regions.usd,
        variantId: kettle(),
        shippingOptionId: store.shippingOptionId,
        headers: store.headers,
        email,
        street,
        cartBody: { referral_code: code },
      })
    const entriesOf = async (orderId: string) =>
      (await eventually(
        async () => (await api.get(`/admin/commissions?order_id=${orderId}`, admin)).data.commissions as Entry[],
        (e) => e.length >= 2,
        15000
      )) as Entry[]
    const queue = async (query = "") => (await api.get(`/admin/promoter-risk${query}`, admin)).data as { assessments: Assessment[]; count: number }
    const farFuture = new Date(Date.now() + 400 * 86_400_000)

    it("holds the commissions of an order behind an address many customers share, until an admin decides; honest orders pass", async () => {
      // Honest: three customers at their own addresses. Risky: three customers behind one address.
      const honest = [await order("HONEST", "h1@example.com"), await order("HONEST", "h2@example.com"), await order("HONEST", "h3@example.com")]
      const risky = [
        await order("RISKY", "r1@example.com", "9 Drop Lane"),
        await order("RISKY", "r2@example.com", "9 Drop Lane"),
        await order("RISKY", "r3@example.com", "9 drop lane "),
      ]
      for (const o of [...honest, ...risky.slice(0, 2)]) {
        expect((await entriesOf(o.id)).map((e) => e.hold_reason)).toEqual([null, null])
      }
      const held = await entriesOf(risky[2].id)
      expect(held.map((e) => [e.status, e.hold_reason])).toEqual([
        ["pending", "risk"],
        ["pending", "risk"],
      ])

      // The queue: the one flagged order, with its evidence, promoter and held entries.
      const pending = await queue()
      expect(pending.count).toBe(1)
      const [flagged] = pending.assessments
      expect(flagged).toEqual(expect.objectContaining({ order_id: risky[2].id, review: "pending", flagged: true, promoter: expect.objectContaining({ name: "Risky" }) }))
      expect(flagged.signals).toEqual([expect.objectContaining({ code: "shared_address", evidence: expect.objectContaining({ customers_at_address: 3 }) })])
      expect(flagged.entries.map((e) => e.id).sort()).toEqual(held.map((e) => e.id).sort())
      // Every order was assessed; only that one is flagged.
      expect((await queue("?review=all")).count).toBe(6)
      expect(await eventually(async () => flaggedEvents, (e) => e.length > 0)).toEqual([
        expect.objectContaining({ id: flagged.id, order_id: risky[2].id, signals: ["shared_address"], subject_type: "order" }),
      ])

      // Time passes: the approval approves the others and never the held ones.
      const compensation = getContainer().resolve<CompensationModuleService>(COMPENSATION_MODULE)
      await compensation.approveDue({ now: farFuture })
      expect((await entriesOf(honest[0].id)).map((e) => e.status)).toEqual(["approved", "approved"])
      expect((await entriesOf(risky[2].id)).map((e) => e.status)).toEqual(["pending", "pending"])

      // Bad input changes nothing.
      for (const body of [{ decision: "maybe" }, { decision: "rejected", extra: 1 }, {}]) {
        expect((await api.post(`/admin/promoter-risk/${flagged.id}/decide`, body, admin).catch((e: { response: { status: number; data: { message: string } } }) => e.response)).status).toBe(400)
      }
      expect((await api.post("/admin/promoter-risk/risk_nope/decide", { decision: "rejected" }, admin).catch((e: { response: { status: number; data: { message: string } } }) => e.response)).status).toBe(404)
      expect((await api.get("/admin/promoter-risk").catch((e: { response: { status: number; data: { message: string } } }) => e.response)).status).toBe(401)
      expect((await queue()).count).toBe(1)

      // Rejected: its commissions are rejected and never paid; a second decision is refused.
      const decided = (await api.post(`/admin/promoter-risk/${flagged.id}/decide`, { decision: "rejected", note: "same drop address" }, admin)).data.assessment
      expect(decided).toEqual(expect.objectContaining({ review: "rejected", note: "same drop address", decided_at: expect.any(String) }))
      expect((await entriesOf(risky[2].id)).map((e) => e.status)).toEqual(["rejected", "rejected"])
      const again = await api.post(`/admin/promoter-risk/${flagged.id}/decide`, { decision: "approved" }, admin).catch((e: { response: { status: number; data: { message: string } } }) => e.response)
      expect(again.status).toBe(400)
      expect(again.data.message).toBe("Only assessments pending review can be decided; this one is rejected")
      expect((await queue()).count).toBe(0)

      // A fourth order at the address is flagged too; approved in bulk, it takes the normal hold and is then approved.
      const fourth = await order("RISKY", "r4@example.com", "9 Drop Lane")
      expect((await entriesOf(fourth.id)).map((e) => e.hold_reason)).toEqual(["risk", "risk"])
      const [next] = (await queue()).assessments
      const bulk = (await api.post("/admin/promoter-risk/decide", { ids: [next.id, flagged.id], decision: "approved" }, admin)).data
      expect(bulk.decided).toEqual([next.id])
      expect(bulk.refused).toEqual([{ id: flagged.id, message: "Only assessments pending review can be decided; this one is rejected" }])
      expect((await entriesOf(fourth.id)).map((e) => [e.status, e.hold_reason])).toEqual([
        ["pending", null],
        ["pending", null],
      ])
      await compensation.approveDue({ now: farFuture })
      expect((await entriesOf(fourth.id)).map((e) => e.status)).toEqual(["approved", "approved"])
    })

    it("rules see a promoter's risk: a flagged promoter is tagged by a rule on promoter.risk_flagged", async () => {
      await api.post(
        "/admin/automation-rules",
        {
          status: "active",
          definition: {
            schema_version: 1,
            name: "Tag risky promoters",
            outcome: "retention",
            subject: "promoter",
            trigger: { type: "event", event: "promoter.risk_flagged" },
            conditions: { all: [{ fact: "promoter.risk.flagged", operator: "eq", value: true }, { fact: "promoter.risk.score", operator: "gte", value: 1 }] },
            actions: [{ type: "set_tags", add: ["risk_review"] }],
          },
        },
        admin
      )
      for (const email of ["s1@example.com", "s2@example.com", "s3@example.com"]) await order("RISKY", email, "1 Same Street")
      const risky = (await api.get("/admin/promoters?q=RISKY", admin)).data.promoters.find((p: { referral_code: string }) => p.referral_code === "RISKY")
      const tagged = await eventually(
        async () => (await api.get(`/admin/promoters/${risky.id}`, admin)).data.promoter,
        (p) => ((p.metadata?.tags as string[] | undefined) ?? []).includes("risk_review")
      )
      expect(tagged.metadata.tags).toEqual(["risk_review"])
    })

    it("names only columns that exist with the types it expects (fails when Medusa's schema moves)", async () => {
      const { rows } = await dbConnection.raw(
        "select table_name, column_name, udt_name from information_schema.columns where table_schema = current_schema() and table_name = any(?)",
        [Object.keys(RISK_COLUMNS)]
      )
      const actual: Record<string, Record<string, string>> = {}
      for (const r of rows as { table_name: string; column_name: string; udt_name: string }[]) (actual[r.table_name] ??= {})[r.column_name] = r.udt_name
      for (const [table, columns] of Object.entries(RISK_COLUMNS)) {
        for (const [column, type] of Object.entries(columns)) expect({ table, column, type: actual[table]?.[column] }).toEqual({ table, column, type })
      }
    })
  },
})
