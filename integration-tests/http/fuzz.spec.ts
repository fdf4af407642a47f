// Property-based bad input: arbitrary bodies and queries on public and admin endpoints get a 4xx with a message,
// never a 500, and a refused request writes nothing.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import path from "node:path"
import { attempt, eventually } from "../helpers/http"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"
import { RULE_LIMITS } from "../../src/lib/rules-engine/limits"
import middlewares from "../../src/api/middlewares"

jest.setTimeout(300 * 1000)

const anyJson = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom("name", "email", "code", "channel", "type", "value", "definition", "sponsor_code", "referral_code", "visitor_id", "status", "slug", "destination"), fc.jsonValue()))

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    it("answers arbitrary input with a 4xx or success, never a 500, and refused writes leave no rows", async () => {
      const admin: Headers = await adminSession(api, getContainer())
      const store = await storeSession(getContainer())
      const jane = (await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE" }, admin)).data.promoter
      const counts = async () =>
        (await dbConnection.raw(
          "select (select count(*) from promoter)::int as p, (select count(*) from promoter_automation_rule)::int as r, (select count(*) from promoter_link)::int as l"
        )).rows[0]
      const endpoints: { method: "post" | "get"; url: string; headers: Headers }[] = [
        { method: "post", url: "/admin/promoters", headers: admin },
        { method: "post", url: `/admin/promoters/${jane.id}`, headers: admin },
        { method: "post", url: `/admin/promoters/${jane.id}/links`, headers: admin },
        { method: "post", url: `/admin/promoters/${jane.id}/coupons`, headers: admin },
        { method: "post", url: "/admin/automation-rules", headers: admin },
        { method: "post", url: "/admin/automation-rules/simulate", headers: admin },
        { method: "post", url: "/admin/promoter-tiers", headers: admin },
        { method: "post", url: "/admin/payouts", headers: admin },
        { method: "post", url: "/store/referrals/touches", headers: store },
      ]
      let refused = 0
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...endpoints), anyJson, async (endpoint, body) => {
          const before = await counts()
          const res = await attempt(
            api.post(endpoint.url, JSON.stringify(body), { headers: { ...endpoint.headers.headers, "content-type": "application/json" } })
          )
          expect(res.status).toBeLessThan(500)
          if (res.status >= 400) {
            refused += 1
            expect(typeof res.data?.message).toBe("string")
            expect(await counts()).toEqual(before)
          }
        }),
        { numRuns: 120 }
      )
      expect(refused).toBeGreaterThan(50)

      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 80 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 20 }), async (code, slug, size) => {
          const q = `size=${encodeURIComponent(size)}&next=${encodeURIComponent(slug)}`
          for (const url of [`/r/${encodeURIComponent(code) || "x"}?${q}`, `/r/JANE/${encodeURIComponent(slug) || "x"}?${q}`, `/r/JANE/qr?${q}`]) {
            const res = await attempt(api.get(url, { maxRedirects: 0, validateStatus: () => true }))
            expect(res.status).toBeLessThan(500)
            if (res.status === 302) expect(new URL(res.headers.location).host).toBe("localhost:8000")
          }
        }),
        { numRuns: 60 }
      )
    })

    it("answers values that break text conversion (an object whose toString is not a function) on every validated route with a 400, never a 500", async () => {
      // Medusa's validators write the received value into their message; `{"toString": ""}` makes that throw.
      const admin: Headers = await adminSession(api, getContainer())
      const store = await storeSession(getContainer())
      const casey = await customerSession(api, store, { email: "casey@example.com" })
      await api.post("/store/promoters/me", { referral_code: "CASEY" }, casey)
      const jane = (await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE" }, admin)).data.promoter
      const hostile: unknown[] = [{ toString: "" }, { valueOf: 1, toString: null }, { toString: { toString: "" } }]
      const fields = ["email", "name", "code", "referral_code", "sponsor_code", "slug", "definition", "from", "to", "q", "limit", "status", "period", "reference", "channel", "visitor_id", "destination", "rank", "message"]
      const validated = (middlewares.routes ?? []).filter((r) => typeof r.matcher === "string" && r.methods?.length && !String(r.matcher).includes("*"))
      expect(validated.length).toBeGreaterThan(30)
      const before = (await dbConnection.raw("select (select count(*) from promoter)::int as p, (select count(*) from promoter_automation_rule)::int as r, (select count(*) from promoter_commission_payout)::int as i")).rows[0]
      const failures: string[] = []
      for (const route of validated) {
        const url = String(route.matcher).replace(/:id/g, jane.id)
        const headers = url.startsWith("/admin") ? admin : url.startsWith("/store/promoters/me") ? { headers: { ...store.headers, ...casey.headers } } : store
        for (const value of hostile) {
          const body = Object.fromEntries(fields.map((f) => [f, value]))
          const res =
            route.methods!.includes("POST")
              ? await attempt(api.post(url, JSON.stringify(body), { headers: { ...headers.headers, "content-type": "application/json" } }))
              : await attempt(api.get(`${url}?${fields.map((f) => `${f}[toString]=x`).join("&")}`, headers))
          if (res.status >= 500 || (res.status >= 400 && typeof res.data?.message !== "string")) failures.push(`${route.methods} ${url}: ${res.status}`)
        }
      }
      expect(failures).toEqual([])
      expect((await dbConnection.raw("select (select count(*) from promoter)::int as p, (select count(*) from promoter_automation_rule)::int as r, (select count(*) from promoter_commission_payout)::int as i")).rows[0]).toEqual(before)
    })

    it("refuses out-of-range dates, unknown sort fields, rule trees past the limits and null definitions with a 400 naming the field, changing nothing", async () => {
      const admin: Headers = await adminSession(api, getContainer())
      const store = await storeSession(getContainer())
      const casey = await customerSession(api, store, { email: "casey@example.com" })
      await api.post("/store/promoters/me", { referral_code: "CASEY" }, casey)
      const refused = async (request: Promise<import("axios").AxiosResponse>, field: string) => {
        const res = await attempt(request)
        expect({ status: res.status, names: String(res.data?.message).includes(field) }).toEqual({ status: 400, names: true })
        return res
      }
      // Sent as text: axios merges a request's data into its config recursively, which a 3,000-level body overflows.
      const postJson = (url: string, body: unknown) =>
        api.post(url, JSON.stringify(body), { headers: { ...admin.headers, "content-type": "application/json" } })
      const ruleRows = async () =>
        (await dbConnection.raw("select id, version, updated_at, definition from promoter_automation_rule order by id")).rows

      // Dates: JavaScript's extremes and anything outside years 1970-9999, on every route that takes a date.
      const dated = [
        (d: string) => ({ url: `/store/promoters/me/stats?to=${d}`, field: "to", headers: casey }),
        (d: string) => ({ url: `/store/promoters/me/income?from=${d}`, field: "from", headers: casey }),
        (d: string) => ({ url: `/admin/automation/insights?from=${d}`, field: "from", headers: admin }),
      ]
      for (const make of dated) {
        for (const d of ["-271821-04-20T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "1969-12-31T23:59:59.999Z", "+010000-01-01T00:00:00.000Z"]) {
          const r = make(encodeURIComponent(d))
          await refused(api.get(r.url, r.headers), r.field)
        }
        const ok = make("2026-11-30T00:00:00.000Z")
        expect((await api.get(ok.url, ok.headers)).status).toBe(200)
      }
      await fc.assert(
        fc.asyncProperty(fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }), fc.constantFrom(...dated), async (d, make) => {
          const r = make(encodeURIComponent(d.toISOString()))
          const res = await attempt(api.get(r.url, r.headers))
          const year = d.getUTCFullYear()
          expect(res.status).toBe(year >= 1970 && year <= 9999 ? 200 : 400)
        }),
        { numRuns: 40 }
      )

      // Sorting: only the list's columns, ascending or descending.
      await refused(api.get("/admin/promoters?order=x", admin), "order")
      await refused(api.get("/admin/promoters?order=-metadata", admin), "order")
      expect((await api.get("/admin/promoters?order=-name", admin)).status).toBe(200)

      // Rule trees: deeper or bigger than the documented limits is a 400 naming the tree, never a stack overflow.
      const leaf = { fact: "customer.tenure_years", operator: "gte", value: 1 }
      let deep: Record<string, unknown> = leaf
      for (let i = 0; i < 3000; i++) deep = { not: deep }
      const rule = (conditions: unknown) => ({
        schema_version: 1,
        name: "Deep",
        outcome: "retention",
        subject: "customer",
        trigger: { type: "event", event: "customer.created" },
        conditions,
        actions: [{ type: "set_tags", add: ["x"] }],
      })
      const before = await ruleRows()
      await refused(postJson("/admin/automation-rules", { definition: rule(deep) }), "conditions")
      let limit: Record<string, unknown> = leaf
      for (let i = 1; i < RULE_LIMITS.maxConditionDepth + 1; i++) limit = { not: limit }
      await refused(api.post("/admin/automation-rules", { definition: rule(limit) }, admin), "conditions")
      // The builder's check lists the same issue (it answers 200 with the issues).
      const checked = (await postJson("/admin/automation-rules/validate", { definition: rule(deep) })).data
      expect(checked).toEqual({ valid: false, issues: [{ path: "conditions", message: expect.stringContaining(`${RULE_LIMITS.maxConditionDepth} levels`) }] })
      await refused(api.post("/admin/automation-rules", { definition: null }, admin), "definition")
      expect(await ruleRows()).toEqual(before)

      // An update with definition null is refused, and the stored rule keeps its version and definition.
      let fits: Record<string, unknown> = leaf
      for (let i = 1; i < RULE_LIMITS.maxConditionDepth; i++) fits = { not: fits }
      const saved = (await api.post("/admin/automation-rules", { definition: rule(fits) }, admin)).data.automation_rule
      const stored = await ruleRows()
      await refused(api.post(`/admin/automation-rules/${saved.id}`, { definition: null }, admin), "definition")
      await refused(postJson(`/admin/automation-rules/${saved.id}`, { definition: rule(deep) }), "conditions")
      await refused(api.post(`/admin/automation-rules/${saved.id}/simulate`, { definition: null, subject: { type: "customer", id: "cus_x" }, events: [] }, admin), "definition")
      expect(await ruleRows()).toEqual(stored)
    })

    it("takes any text in the fields of well-formed requests: accepted, or refused with a clear 4xx, never a 500", async () => {
      // Strings of any UTF-16 code units, including U+0000 (which PostgreSQL text cannot hold), other control
      // characters and lone surrogates, in the free-text fields of otherwise valid requests.
      const admin: Headers = await adminSession(api, getContainer())
      const store = await storeSession(getContainer())
      const jane = (await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE" }, admin)).data.promoter
      // fast-check's "binary" unit leaves out lone surrogates: they are added by hand, as is a tag that the 200-character
      // cut of a click splits inside an emoji.
      const text = fc.oneof(
        fc.string({ unit: "binary", maxLength: 24 }),
        fc.string({ maxLength: 8 }).map((t) => `${t}\u0000${t}`),
        fc.constantFrom("\ud800", "a\udc00b", `${"x".repeat(199)}\ud83d\ude00`)
      )
      // A URL cannot carry a lone surrogate (encodeURIComponent refuses it); in URLs it is sent as U+FFFD.
      const inUrl = (t: string) => encodeURIComponent(t.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD"))
      let n = 0
      const requests: ((t: string) => { method: "post" | "get"; url: string; body?: unknown; headers: Headers })[] = [
        (t) => ({ method: "post", url: "/admin/promoters", body: { name: t || "x", email: `fuzz${++n}@example.com` }, headers: admin }),
        (t) => ({ method: "post", url: `/admin/promoters/${jane.id}`, body: { name: t || "x" }, headers: admin }),
        (t) => ({ method: "post", url: `/admin/promoters/${jane.id}/links`, body: { slug: `s${++n}`, name: t || "x", destination: `/p/${t}` }, headers: admin }),
        (t) => ({ method: "post", url: "/admin/promoter-tiers", body: { name: t || "x", rank: 100 + ++n, commission_rates_bps: [100] }, headers: admin }),
        (t) => ({ method: "post", url: "/store/referrals/touches", body: { code: "JANE", channel: "mobile", visitor_id: "fuzz", utm_source: t, utm_campaign: t }, headers: store }),
        (t) => ({ method: "post", url: "/admin/automation-rules", body: { definition: { schema_version: 1, name: t || "x", outcome: "retention", subject: "customer", trigger: { type: "event", event: "customer.created" }, actions: [{ type: "set_tags", add: [t.slice(0, 50) || "x"] }] } }, headers: admin }),
        (t) => ({ method: "post", url: "/store/carts", body: { referral_code: t }, headers: store }),
        (t) => ({ method: "get", url: `/admin/promoters?q=${inUrl(t)}`, headers: admin }),
        (t) => ({ method: "get", url: `/admin/commissions?order_id=${inUrl(t)}`, headers: admin }),
        (t) => ({ method: "get", url: `/admin/orders/${inUrl(t) || "x"}/promoter-attribution`, headers: admin }),
      ]
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...requests), text, async (make, t) => {
          const r = make(t)
          const res = await attempt(
            r.method === "post"
              ? api.post(r.url, JSON.stringify(r.body), { headers: { ...r.headers.headers, "content-type": "application/json" } })
              : api.get(r.url, r.headers)
          )
          expect(res.status).toBeLessThan(500)
          if (res.status >= 400) expect(typeof res.data?.message).toBe("string")
        }),
        { numRuns: 150 }
      )
      // Clicks whose tags or codes hold any text redirect to the storefront, and touch recording carries on after them.
      await fc.assert(
        fc.asyncProperty(text, async (t) => {
          for (const url of [`/r/JANE?utm_source=${inUrl(t)}`, `/r/${inUrl(t) || "x"}`, `/r/JANE/${inUrl(t) || "x"}`]) {
            const res = await attempt(api.get(url, { maxRedirects: 0, validateStatus: () => true }))
            expect(res.status).toBe(302)
            expect(new URL(res.headers.location).host).toBe("localhost:8000")
          }
        }),
        { numRuns: 40 }
      )
      await api.get("/r/JANE?utm_source=after-fuzz", { maxRedirects: 0, validateStatus: () => true })
      await eventually(
        async () => (await dbConnection.raw("select count(*)::int as n from promoter_touch where utm_source = 'after-fuzz'")).rows[0].n,
        (count) => count === 1
      )
    })
  },
})
