// The promoter portal: the page (GET /promoter) and the store endpoints it reads — goals from automation rules,
// tier progress, income over time, downline size — for the logged-in promoter only.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import path from "node:path"
import { checkout } from "../helpers/checkout"
import { attempt, eventually } from "../helpers/http"
import { usePluginOptions } from "../helpers/plugin-options"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"
import type { StoreFixture } from "../../demo/fixtures/store"

jest.setTimeout(300 * 1000)

usePluginOptions({ portal: { title: "Tea <Club> promoters", accentColor: "#0e7490" } })

const month = { type: "calendar", unit: "month" }
const rule = (definition: Record<string, unknown>) => ({
  schema_version: 1,
  outcome: "sales",
  subject: "promoter",
  trigger: { type: "event", event: "promoter.order_attributed" },
  frequency: { type: "once_per_period", window: month },
  ...definition,
})

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer }) => {
    let admin: Headers
    let store: StoreFixture & Headers

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      store = await storeSession(getContainer())
    })

    const kettle = () => store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId
    const order = (referral: string) =>
      checkout(api, { regionId: store.regions.usd, variantId: kettle(), shippingOptionId: store.shippingOptionId, headers: store.headers, cartBody: { referral_code: referral } })
    /** A customer account that is also a promoter, as the portal's log-in gives it. */
    const promoterSession = async (email: string, body: Record<string, unknown>) => {
      const session = await customerSession(api, store, { email })
      const promoter = (await api.post("/store/promoters/me", body, session)).data.promoter
      return { ...session, promoter }
    }

    it("serves one self-contained page with a strict per-response CSP nonce and only the publishable key", async () => {
      const first = await api.get("/promoter", { headers: {} })
      expect(first.status).toBe(200)
      expect(first.headers["content-type"]).toMatch(/^text\/html/)
      expect(first.headers["cache-control"]).toBe("no-store")
      const csp = first.headers["content-security-policy"] as string
      expect(csp).toMatch(/default-src 'none'/)
      expect(csp).toMatch(/connect-src 'self'/)
      expect(csp).toMatch(/frame-ancestors 'none'/)
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/)
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1]
      const html = first.data as string
      expect(html).toContain(`<script nonce="${nonce}">`)
      expect(html).toContain(`<style nonce="${nonce}">`)
      // No external resources, no build step: one inline script and one inline style.
      expect(html.match(/<script/g)).toHaveLength(1)
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|@import|url\(http/)
      // A publishable key of the store (public by design, the oldest one not revoked) is in the page; nothing secret is.
      const key = /"publishableKey":"(pk_[0-9a-f]+)"/.exec(html)![1]
      const keys = (await api.get("/admin/api-keys?type=publishable&limit=100", admin)).data.api_keys as { token: string; revoked_at: string | null }[]
      expect(keys.find((k) => k.token === key)).toEqual(expect.objectContaining({ revoked_at: null }))
      expect(html.match(/pk_[0-9a-f]+/g)).toEqual([key])
      expect(html).not.toMatch(/sk_[0-9a-f]{10}|cookieSecret|jwtSecret|supersecret/)
      // The key works for the store API the page calls.
      expect((await attempt(api.get("/store/promoters/me", { headers: { "x-publishable-api-key": key } }))).status).toBe(401)
      // Plugin options: the title is escaped in HTML and in the script's JSON; the accent colour is used.
      expect(html).toContain("<title>Tea &lt;Club&gt; promoters</title>")
      expect(html).toContain('"title":"Tea \\u003cClub> promoters"')
      expect(html).toContain("#0e7490")

      const second = await api.get("/promoter")
      const nonce2 = /script-src 'nonce-([^']+)'/.exec(second.headers["content-security-policy"] as string)![1]
      expect(nonce2).not.toBe(nonce)
    })

    it("serves the bundle the package ships as the page's script, calling it with the page's config", async () => {
      const html = (await api.get("/promoter")).data as string
      const script = /<script nonce="[^"]+">([^]*?)<\/script>/.exec(html)![1]
      const { PORTAL_GLOBAL, PORTAL_SCRIPT } = require(path.join(__dirname, "../../.medusa/server/src/lib/portal/bundle.generated.js")) as { PORTAL_GLOBAL: string; PORTAL_SCRIPT: string }
      expect(script.startsWith(`(function(){${PORTAL_SCRIPT}${PORTAL_GLOBAL}.start({"title":"Tea \\u003cClub> promoters",`)).toBe(true)
      expect(script.endsWith("})})();")).toBe(true)
    })

    it("gives a promoter their goals from active rules, tier progress, income over time and team size", async () => {
      const gold = (await api.post("/admin/promoter-tiers", { name: "Gold", rank: 1, commission_rates_bps: [1500, 500] }, admin)).data.tier
      await api.post(
        "/admin/promoter-tiers",
        { name: "Platinum", rank: 2, commission_rates_bps: [2000, 800], qualification: { personal_volume: { amount: 500, currency_code: "usd" }, active_recruits: 2 } },
        admin
      )
      const casey = await promoterSession("casey@example.com", { referral_code: "CASEY" })
      await api.post(`/admin/promoters/${casey.promoter.id}`, { tier_id: gold.id }, admin)
      const rob = await promoterSession("rob@example.com", { sponsor_code: "CASEY", referral_code: "ROB" })
      await api.post("/admin/promoters", { name: "Lee", email: "lee@example.com", sponsor_code: "ROB", status: "active" }, admin)

      const rules = [
        // A goal: $500 of sales this month → $20 bonus.
        rule({
          name: "$500 month",
          conditions: { all: [{ fact: "promoter.sales.sum", params: { window: month }, operator: "gte", value: { amount: 500, currency_code: "usd" } }] },
          actions: [{ type: "award_bonus", amount: 20, currency_code: "usd" }],
        }),
        // A goal only for party hosts (a gate on tags): hidden until Casey is tagged.
        rule({
          name: "Party host start",
          conditions: {
            all: [
              { fact: "promoter.tags", operator: "contains", value: "party_host" },
              { fact: "promoter.sales.count", params: { window: { type: "since_subject", months: 3 } }, operator: "gte", value: 2 },
            ],
          },
          actions: [{ type: "send_message", channel: "email", template: "party-host" }],
          frequency: { type: "once" },
        }),
        // Not goals: an upper bound, a customer rule, and a goal over last month (over, nothing to work towards).
        rule({
          name: "Slow month",
          conditions: { all: [{ fact: "promoter.sales.count", params: { window: month }, operator: "lt", value: 1 }] },
          actions: [{ type: "send_message", channel: "email", template: "tips" }],
        }),
        rule({
          name: "Big customer",
          subject: "customer",
          trigger: { type: "event", event: "order.placed" },
          conditions: { all: [{ fact: "customer.purchases.sum", params: { window: month }, operator: "gte", value: { amount: 100, currency_code: "usd" } }] },
          actions: [{ type: "send_message", channel: "email", template: "thanks" }],
        }),
        rule({
          name: "Last month",
          conditions: { all: [{ fact: "promoter.sales.count", params: { window: { ...month, offset: -1 } }, operator: "gte", value: 5 }] },
          actions: [{ type: "award_bonus", amount: 5, currency_code: "usd" }],
        }),
      ]
      for (const definition of rules) {
        expect((await api.post("/admin/automation-rules", { status: "active", definition }, admin)).status).toBeLessThan(300)
      }
      // A paused rule is no goal either.
      await api.post("/admin/automation-rules", { status: "paused", definition: rule({ ...rules[0], name: "Paused" }) }, admin)

      const placed = await order("CASEY")
      expect(placed.total).toBe(130)
      await eventually(
        async () => (await api.get("/store/promoters/me/income", casey)).data.income.totals,
        (t: { pending: string }[]) => t.length > 0
      )

      const { goals, tier } = (await api.get("/store/promoters/me/goals", casey)).data
      expect(goals).toEqual([
        expect.objectContaining({
          name: "$500 month",
          branch: null,
          metric: "sales_amount",
          operator: "gte",
          current: { amount: "130", currency_code: "usd" },
          target: { amount: "500", currency_code: "usd" },
          progress: 0.26,
          achieved: false,
          rewarded: false,
          period: expect.objectContaining({ label: "this month", key: expect.stringMatching(/^month:\d{4}-\d\d$/) }),
          rewards: [{ type: "bonus", amount: "20", currency_code: "usd" }],
        }),
      ])
      expect(tier).toEqual({
        period: { key: expect.stringMatching(/^\d{4}-\d\d$/), label: "this month" },
        current: expect.objectContaining({ name: "Gold", rank: 1 }),
        next: expect.objectContaining({
          name: "Platinum",
          criteria: [
            // Volume is the commission base ($120 of items), where the sales goal above counts the order total ($130).
            { kind: "personal_volume", current: { amount: "120", currency_code: "usd" }, target: { amount: "500", currency_code: "usd" }, met: false, progress: 0.24 },
            { kind: "active_recruits", current: 1, target: 2, met: false, progress: 0.5 },
          ],
        }),
      })

      // Tagged a party host, Casey sees that goal too (counted by the same fact code the rule uses).
      await api.post(`/admin/promoters/${casey.promoter.id}`, { metadata: { tags: ["party_host"] } }, admin)
      const tagged = (await api.get("/store/promoters/me/goals", casey)).data.goals
      expect(tagged.map((g: { name: string }) => g.name)).toEqual(["$500 month", "Party host start"])
      expect(tagged[1]).toEqual(
        expect.objectContaining({ metric: "sales_count", current: 1, target: 2, progress: 0.5, period: expect.objectContaining({ label: "your first 3 months" }) })
      )

      const income = (await api.get("/store/promoters/me/income", casey)).data.income
      const today = new Date().toISOString().slice(0, 10)
      // 15 % of the $120 of items (shipping is not commissioned).
      expect(income.series).toEqual([{ period: today, currency_code: "usd", pending: "18", approved: "0", paid: "0" }])
      expect(income.totals).toEqual([{ currency_code: "usd", pending: "18", approved: "0", paid: "0" }])
      expect(income.range).toEqual(expect.objectContaining({ to: today, granularity: "day" }))
      const monthly = (await api.get("/store/promoters/me/income?granularity=month", casey)).data.income
      expect(monthly.series).toEqual([expect.objectContaining({ period: `${today.slice(0, 7)}-01`, pending: "18" })])
      // The chart's income matches the dashboard's all-time income when everything is in range.
      expect((await api.get("/store/promoters/me/stats", casey)).data.stats.income).toEqual(income.totals)

      const downline = (await api.get("/store/promoters/me/downline", casey)).data.downline
      expect(downline).toEqual({
        total: 2,
        active: 2,
        direct: 1,
        levels: [
          { level: 1, total: 1, active: 1 },
          { level: 2, total: 1, active: 1 },
        ],
      })
      expect((await api.get("/store/promoters/me/downline", rob)).data.downline).toEqual(expect.objectContaining({ total: 1, direct: 1 }))

      // Bad input is a clear 400.
      for (const url of [
        "/store/promoters/me/income?granularity=year",
        "/store/promoters/me/income?from=yesterday",
        "/store/promoters/me/income?from=2026-05-01&to=2026-04-01",
        "/store/promoters/me/goals?window=month",
      ]) {
        const res = await attempt(api.get(url, casey))
        expect([url, res.status]).toEqual([url, 400])
        expect(typeof res.data.message).toBe("string")
      }
    })

    it("never shows a promoter another promoter's data; plain customers get 404, anonymous callers 401", async () => {
      const casey = await promoterSession("casey@example.com", { referral_code: "CASEY" })
      const jane = await promoterSession("jane@example.com", { referral_code: "JANE" })
      await promoterSession("sam@example.com", { sponsor_code: "CASEY", referral_code: "SAM" })
      await api.post("/store/promoters/me/invitations", { email: "friend@example.com" }, casey)
      await order("CASEY")
      await eventually(
        async () => (await api.get("/store/promoters/me/income", casey)).data.income.totals,
        (t: unknown[]) => t.length > 0
      )
      await api.post(
        "/admin/automation-rules",
        {
          status: "active",
          definition: rule({
            name: "$500 month",
            conditions: { all: [{ fact: "promoter.sales.sum", params: { window: month }, operator: "gte", value: { amount: 500, currency_code: "usd" } }] },
            actions: [{ type: "award_bonus", amount: 20, currency_code: "usd" }],
          }),
        },
        admin
      )

      // Jane sees only her own (empty) numbers, whatever she puts in the URL.
      expect((await api.get("/store/promoters/me", jane)).data.promoter.id).toBe(jane.promoter.id)
      expect((await api.get("/store/promoters/me/stats", jane)).data.stats.totals).toEqual(expect.objectContaining({ invitations: 0, conversions: 0 }))
      expect((await api.get("/store/promoters/me/income", jane)).data.income).toEqual(expect.objectContaining({ series: [], totals: [] }))
      expect((await api.get("/store/promoters/me/downline", jane)).data.downline.total).toBe(0)
      const janeGoals = (await api.get("/store/promoters/me/goals", jane)).data.goals
      expect(janeGoals).toEqual([expect.objectContaining({ current: { amount: "0", currency_code: "usd" } })])
      for (const url of [
        `/store/promoters/me/income?promoter_id=${casey.promoter.id}`,
        `/store/promoters/me/downline?promoter_id=${casey.promoter.id}`,
        `/store/promoters/me/goals?promoter_id=${casey.promoter.id}`,
        `/store/promoters/me/stats?promoter_id=${casey.promoter.id}`,
      ]) {
        expect([url, (await attempt(api.get(url, jane))).status]).toEqual([url, 400])
      }
      // Casey's numbers are Casey's.
      expect((await api.get("/store/promoters/me/stats", casey)).data.stats.totals).toEqual(expect.objectContaining({ invitations: 1, conversions: 1 }))
      expect((await api.get("/store/promoters/me/downline", casey)).data.downline.total).toBe(1)
      expect((await api.get("/store/promoters/me/goals", casey)).data.goals[0].current).toEqual({ amount: "130", currency_code: "usd" })

      const endpoints = ["", "/stats", "/income", "/goals", "/downline", "/links", "/coupons", "/commissions"].map((p) => `/store/promoters/me${p}`)
      // A customer who is not a promoter: 404 with a clear message, for every endpoint.
      const plain = await customerSession(api, store, { email: "plain@example.com" })
      for (const url of endpoints) {
        const res = await attempt(api.get(url, plain))
        expect([url, res.status]).toEqual([url, 404])
        expect(res.data.message).toMatch(/not a promoter/)
      }
      // No log-in, or an admin's token: 401. No publishable key: refused too.
      for (const url of endpoints) {
        expect([url, (await attempt(api.get(url, store))).status]).toEqual([url, 401])
        expect([url, (await attempt(api.get(url, { headers: { ...store.headers, authorization: admin.headers.authorization } }))).status]).toEqual([url, 401])
        expect([url, (await attempt(api.get(url, { headers: { authorization: casey.headers.authorization } }))).status]).toEqual([url, 400])
      }
    })

    it("answers arbitrary queries on the portal's endpoints and arbitrary invitations with a 4xx or a 2xx, never a 500", async () => {
      const casey = await promoterSession("casey@example.com", { referral_code: "CASEY" })
      const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("2026-11-01", "2026-13-45", "day", "week", "month", "-1", "1e309", "[]", "null"))
      const query = fc.dictionary(fc.constantFrom("from", "to", "granularity", "promoter_id", "limit", "fields", "x"), text, { maxKeys: 4 })
      await fc.assert(
        fc.asyncProperty(fc.constantFrom("stats", "income", "goals", "downline"), query, async (endpoint, q) => {
          const url = `/store/promoters/me/${endpoint}?${new URLSearchParams(q).toString()}`
          const res = await attempt(api.get(url, casey))
          expect([url, res.status < 500]).toEqual([url, true])
          if (res.status >= 400) expect(typeof res.data?.message).toBe("string")
        }),
        { numRuns: 80 }
      )
      const body = fc.dictionary(fc.constantFrom("email", "name", "message", "slug", "promoter_id"), fc.oneof(fc.jsonValue(), text), { maxKeys: 4 })
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const res = await attempt(api.post("/store/promoters/me/invitations", b, casey))
          expect(res.status).toBeLessThan(500)
          if (res.status >= 400) expect(typeof res.data?.message).toBe("string")
        }),
        { numRuns: 40 }
      )
    })
  },
})
