// Level 5 predictions over HTTP: the purchase model fitted on a generated two-year history of thousands of
// customers, validated on the held-out last 90 days against naive baselines, stored per customer and usable as rule
// facts; promoters' month-end forecasts and goal / tier probabilities from their attributed sales.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import path from "node:path"
import { attempt } from "../helpers/http"
import { writeCustomers, writeOrders } from "../helpers/history"
import { usePluginOptions } from "../helpers/plugin-options"
import { adminSession, storeSession, type Headers } from "../helpers/session"
import { createRandom, monthEndPace, probabilityToReach, blendedDailyRate, rftOf } from "../../src/lib/insights"
import { generateHistory } from "../fixtures/generate-history"

jest.setTimeout(600 * 1000)

usePluginOptions({ testing: { clock: true, jobs: false } })

const DAY = 86_400_000
const NOW = new Date("2027-03-20T12:00:00.000Z")

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      await storeSession(getContainer())
      await api.post("/admin/automation/clock", { now: null }, admin)
    })

    it("fits the purchase model on the order history, beats naive baselines on held-out data, and serves predictions as facts", async () => {
      // Nothing to fit on yet: a clear answer, not an error.
      await api.post("/admin/automation/clock", { now: NOW.toISOString() }, admin)
      const empty = (await api.post("/admin/automation/predictions/fit", {}, admin)).data.fit
      expect(empty).toMatchObject({ fitted: false, customers: 0 })
      expect(empty.reason).toMatch(/at least 30/)
      expect((await attempt(api.post("/admin/automation/predictions/fit", { now: "x" }, admin))).status).toBe(400)

      const history = generateHistory({ seed: "predictions", customers: 3000, start: new Date(NOW.getTime() - 730 * DAY), end: NOW })
      const ids = await writeCustomers(getContainer(), history.map((c) => ({ key: c.key, joined: c.joined })))
      const orders = history.flatMap((c) => c.orders.map((o) => ({ customerId: ids.get(c.key)!, at: o.at, amount: o.amount })))
      await writeOrders(getContainer(), orders)
      expect(orders.length).toBeGreaterThan(8000)

      const fit = (await api.post("/admin/automation/predictions/fit", {}, admin)).data.fit
      expect(fit).toMatchObject({ fitted: true, customers: 3000, orders: orders.length, predictions: { customers: 3000 } })
      // Validated on the last 90 days (fit on the history before them): better than each naive baseline.
      expect(fit.validation.beats_baseline).toBe(true)
      for (const h of fit.validation.horizons) {
        expect(h.model.brier).toBeLessThan(h.baseline_own_rate.brier)
        expect(h.model.brier).toBeLessThan(h.baseline_population.brier)
        expect(h.model.log_loss).toBeLessThan(h.baseline_own_rate.log_loss)
        expect(h.model.auc).toBeGreaterThan(h.baseline_population.auc)
        expect(h.orders_mae.model).toBeLessThan(h.orders_mae.baseline_own_rate)
        const f = (n: number) => n.toFixed(3)
        console.log(
          `[predictions] ${h.days} days, ${h.customers} customers, actual ${f(h.actual_rate)}: model Brier ${f(h.model.brier)} log-loss ${f(h.model.log_loss)} AUC ${f(h.model.auc)} mean ${f(h.model.mean_predicted)} | own rate Brier ${f(h.baseline_own_rate.brier)} log-loss ${f(h.baseline_own_rate.log_loss)} AUC ${f(h.baseline_own_rate.auc)} | population Brier ${f(h.baseline_population.brier)} AUC ${f(h.baseline_population.auc)} | orders MAE model ${f(h.orders_mae.model)} own rate ${f(h.orders_mae.baseline_own_rate)}`
        )
      }
      console.log(`[predictions] fit ${JSON.stringify(fit.params)} in ${fit.duration_ms} ms`)

      // A customer's prediction carries the recency / frequency / tenure it came from and the model's accuracy.
      const someone = history.find((c) => c.orders.length >= 3)!
      const mine = (await api.get(`/admin/customers/${ids.get(someone.key)}/predictions`, admin)).data
      const rft = rftOf(someone.orders.map((o) => o.at), NOW)!
      expect(mine.prediction).toMatchObject({ subject_type: "customer", frequency: rft.x, fit_id: fit.fit_id })
      expect(mine.prediction.recency_days).toBeCloseTo(rft.t_x, 3)
      expect(mine.prediction.p_order_30d).toBeLessThanOrEqual(mine.prediction.p_order_90d)
      expect(["low", "medium", "high"]).toContain(mine.prediction.churn_risk)
      expect(mine.model.validation.horizons).toHaveLength(2)
      expect((await attempt(api.get("/admin/customers/cus_nope/predictions", admin))).status).toBe(404)

      // Predictions are facts: the vocabulary lists them and a rule on churn risk fires for high-risk customers only.
      const vocabulary = (await api.get("/admin/automation-rules/vocabulary", admin)).data.facts.map((f: { name: string }) => f.name)
      expect(vocabulary).toEqual(expect.arrayContaining(["customer.churn_risk", "customer.prediction.p_order_30d", "promoter.forecast.month_sales", "promoter.p_next_goal"]))
      const bands = (await dbConnection.raw("select churn_risk, count(*)::int as n, min(subject_id) as one from promoter_insight_prediction where subject_type = 'customer' group by 1")).rows
      const one = (band: string) => bands.find((b: { churn_risk: string }) => b.churn_risk === band).one
      const winBack = {
        schema_version: 1,
        name: "Win back",
        outcome: "retention",
        subject: "customer",
        trigger: { type: "schedule", cron: "0 9 * * 1" },
        conditions: { all: [{ fact: "customer.churn_risk", operator: "eq", value: "high" }, { fact: "customer.prediction.p_order_90d", operator: "lt", value: 0.2 }] },
        actions: [{ type: "issue_coupon", discount: "percentage", value: 15, validity: { type: "days", days: 30 } }],
      }
      const simulate = async (id: string) =>
        (await api.post("/admin/automation-rules/simulate", { definition: winBack, subject: { type: "customer", id }, events: [{ name: "schedule", at: NOW.toISOString() }] }, admin)).data.simulation
      const high = await simulate(one("high"))
      expect(high.fired).toBe(1)
      expect(high.runs[0].trace.children[0]).toMatchObject({ fact: "customer.churn_risk", actual: "high", result: true })
      const low = await simulate(one("low"))
      expect(low.fired).toBe(0)
      expect(low.runs[0].trace.children[0]).toMatchObject({ actual: "low", result: false })
    })

    it("forecasts a promoter's month at the current pace and the chance of the next goal and tier", async () => {
      await api.post("/admin/automation/clock", { now: NOW.toISOString() }, admin)
      await api.post("/admin/promoter-tiers", { name: "Silver", rank: 1, commission_rates_bps: [1000] }, admin)
      await api.post(
        "/admin/promoter-tiers",
        { name: "Gold", rank: 2, commission_rates_bps: [1500], qualification: { personal_volume: { amount: 3000, currency_code: "usd" } } },
        admin
      )
      const jane = (await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE", status: "active" }, admin)).data.promoter
      await api.post(
        "/admin/automation-rules",
        {
          status: "active",
          definition: {
            schema_version: 1,
            name: "1500 club",
            outcome: "sales",
            subject: "promoter",
            trigger: { type: "event", event: "promoter.order_attributed" },
            conditions: { all: [{ fact: "promoter.sales.sum", params: { window: { type: "calendar", unit: "month" } }, operator: "gte", value: { amount: 1500, currency_code: "usd" } }] },
            actions: [{ type: "award_bonus", amount: 50, currency_code: "usd" }],
            frequency: { type: "once_per_period", window: { type: "calendar", unit: "month" } },
          },
        },
        admin
      )
      // Jane's credited sales: 6 this month (March, 19.5 days in), 24 in the 90 days before.
      const random = createRandom("promoter-sales")
      const monthStart = new Date("2027-03-01T00:00:00.000Z")
      const sale = (at: Date) => ({ at, amount: 80 + random.int(40) })
      const thisMonth = Array.from({ length: 6 }, (_, i) => sale(new Date(monthStart.getTime() + (i * 3 + 1) * DAY)))
      const before = Array.from({ length: 24 }, (_, i) => sale(new Date(monthStart.getTime() - (i * 3.5 + 1) * DAY)))
      for (const [i, s] of [...thisMonth, ...before].entries()) {
        await dbConnection.raw(
          `insert into promoter_order_attribution (id, order_id, promoter_id, decided_by, self_referral, currency_code, order_total, raw_order_total, candidates, placed_at)
           values (?, ?, ?, 'touch', false, 'usd', ?, jsonb_build_object('value', ?::text, 'precision', 20), '[]'::jsonb, ?)`,
          [`oattr_gen${i}`, `order_gen${i}`, jane.id, s.amount, String(s.amount), s.at]
        )
      }
      await api.post("/admin/automation/predictions/fit", {}, admin)
      const { prediction } = (await api.get(`/admin/promoters/${jane.id}/predictions`, admin)).data
      const soFar = thisMonth.reduce((s, x) => s + x.amount, 0)
      const elapsed = (NOW.getTime() - monthStart.getTime()) / DAY
      expect(Number(prediction.month_sales)).toBe(soFar)
      expect(Number(prediction.month_sales_forecast)).toBeCloseTo(monthEndPace({ soFar, elapsedDays: elapsed, daysInMonth: 31 }), 1)
      const rate = blendedDailyRate({ ordersThisMonth: 6, elapsedDays: elapsed, ordersBefore: 24, lookbackDays: 90 })
      const aov = [...thisMonth, ...before].reduce((s, x) => s + x.amount, 0) / 30
      const remaining = 31 - elapsed
      expect(prediction.p_next_goal).toBeCloseTo(probabilityToReach({ current: soFar, target: 1500, remainingDays: remaining, dailyOrderRate: rate, averageOrderValue: aov }), 4)
      expect(prediction.p_next_tier).toBeCloseTo(probabilityToReach({ current: soFar, target: 3000, remainingDays: remaining, dailyOrderRate: rate, averageOrderValue: aov }), 4)
      expect(prediction.p_next_goal).toBeGreaterThan(prediction.p_next_tier)
      expect(prediction.details.goal).toMatchObject({ name: "1500 club", metric: "sales_amount" })
      expect(prediction.details.tier).toMatchObject({ name: "Gold" })
      expect(prediction.details).toMatchObject({ orders_this_month: 6, orders_previous_90_days: 24 })
      // The summary lists promoters close to a goal or tier (≥ 75 % of the way, or ≥ 50 % likely by its end): Sam, at
      // $1,300 of the $1,500 goal, is; Jane, at 40 % with a small chance, is not.
      const sam = (await api.post("/admin/promoters", { name: "Sam", email: "sam@example.com", referral_code: "SAM", status: "active" }, admin)).data.promoter
      for (let i = 0; i < 13; i++) {
        await dbConnection.raw(
          `insert into promoter_order_attribution (id, order_id, promoter_id, decided_by, self_referral, currency_code, order_total, raw_order_total, candidates, placed_at)
           values (?, ?, ?, 'touch', false, 'usd', 100, '{"value":"100","precision":20}'::jsonb, '[]'::jsonb, ?)`,
          [`oattr_sam${i}`, `order_sam${i}`, sam.id, new Date(monthStart.getTime() + (i + 1) * DAY)]
        )
      }
      await api.post("/admin/automation/predictions/fit", {}, admin)
      const samPrediction = (await api.get(`/admin/promoters/${sam.id}/predictions`, admin)).data.prediction
      const { insights, text } = (await api.get("/admin/automation/insights", admin)).data
      expect(insights.promoters_close).toEqual([
        { promoter_id: sam.id, name: "Sam", goal: "1500 club", current: "1300 USD", target: "1500 USD", p_next_goal: samPrediction.p_next_goal, forecast: expect.stringMatching(/ USD$/) },
      ])
      expect(text).toContain("- Sam: 1300 USD of 1500 USD (1500 club)")
    })

    it("answers arbitrary input to the level 5 endpoints with a 4xx and a message or a success, never a 500", async () => {
      const rule = (
        await api.post(
          "/admin/automation-rules",
          { definition: { schema_version: 1, name: "R", outcome: "loyalty", subject: "customer", trigger: { type: "event", event: "order.placed" }, actions: [{ type: "set_tags", add: ["a"] }] } },
          admin
        )
      ).data.automation_rule
      const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("2027-01-01", "2026-13-45", "yesterday", "", "0"))
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom("from", "to", "limit", "rule"), text), fc.constantFrom(`/admin/automation-rules/${rule.id}/report`, "/admin/automation/insights", "/admin/automation-rules/arule_nope/report"), async (query, url) => {
          const res = await attempt(api.get(`${url}?${new URLSearchParams(query)}`, admin))
          expect(res.status).toBeLessThan(500)
          if (res.status >= 400) expect(typeof res.data?.message).toBe("string")
        }),
        { numRuns: 60 }
      )
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), fc.constantFrom("/admin/automation/predictions/fit", "/admin/automation/insights/summary"), async (body, url) => {
          const res = await attempt(api.post(url, JSON.stringify(body), { headers: { ...admin.headers, "content-type": "application/json" } }))
          expect(res.status).toBeLessThan(500)
          if (res.status >= 400) expect(typeof res.data?.message).toBe("string")
        }),
        { numRuns: 30 }
      )
      expect((await attempt(api.get("/admin/automation-rules/arule_nope/report", admin))).status).toBe(404)
    })
  },
})
