// Level 5 over HTTP: outcomes recorded for every action, a control group that never receives the actions and the
// uplift measured against it on a generated history with a known effect, and variants allocated by Thompson
// sampling. Histories are made by the seeded generator (integration-tests/fixtures/generate-history.ts) and written as real orders.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import path from "node:path"
import { checkout } from "../helpers/checkout"
import { eventually } from "../helpers/http"
import { writeCustomers, writeOrders, type HistoryOrder } from "../helpers/history"
import { usePluginOptions } from "../helpers/plugin-options"
import automationDueActions from "../../src/jobs/automation-due-actions"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"
import { createRandom, isHeldOut, thompsonAllocation } from "../../src/lib/insights"
import { simulateResponse } from "../fixtures/generate-history"
import type { StoreFixture } from "../../demo/fixtures/store"

jest.setTimeout(600 * 1000)

usePluginOptions({ testing: { clock: true, jobs: false } })

const DAY = 86_400_000
/** A Monday, in the 09:00 minute: run-due runs the "0 9 * * 1" slot (the plugin's own jobs are off in this suite). */
const SLOT = "2027-03-01T09:00:59.000Z"
type Exposure = { id: string; subject_id: string; arm: "treated" | "holdout"; variant: string | null; exposed_at: Date; allocation: unknown }

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers
    let store: StoreFixture & Headers

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      store = await storeSession(getContainer())
      await api.post("/admin/automation/clock", { now: null }, admin)
    })

    const setClock = (iso: string | null) => api.post("/admin/automation/clock", { now: iso }, admin)
    const createRule = async (definition: Record<string, unknown>) =>
      (await api.post("/admin/automation-rules", { definition: { schema_version: 1, outcome: "retention", ...definition }, status: "active" }, admin)).data
        .automation_rule as { id: string }
    const report = async (ruleId: string, query = "") => (await api.get(`/admin/automation-rules/${ruleId}/report${query}`, admin)).data.report
    const exposures = async (ruleId: string): Promise<Exposure[]> =>
      (await dbConnection.raw("select id, subject_id, arm, variant, exposed_at, allocation from promoter_insight_exposure where rule_id = ? order by exposed_at, id", [ruleId])).rows
    const notificationsTo = async (template: string): Promise<string[]> =>
      (await dbConnection.raw("select \"to\" from notification where template = ?", [template])).rows.map((r: { to: string }) => r.to)
    const kettle = () => store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId

    /** Generated customers, each with one order before `before` (so they are real, known customers). */
    async function customersWithHistory(seed: string, n: number, before: Date) {
      const random = createRandom(seed)
      const people = Array.from({ length: n }, (_, i) => ({ key: `${seed}-${i}`, joined: new Date(before.getTime() - (30 + random.int(300)) * DAY) }))
      const ids = await writeCustomers(getContainer(), people)
      await writeOrders(
        getContainer(),
        people.map((p) => ({ customerId: ids.get(p.key)!, at: new Date(p.joined.getTime() + DAY), amount: 20 + random.int(80) }))
      )
      return ids
    }

    it("records what followed each action: a coupon redeemed and its discount, orders and revenue in the window, a bonus paid", async () => {
      const coupon = await createRule({
        name: "Welcome coupon",
        subject: "customer",
        trigger: { type: "event", event: "customer.created" },
        actions: [{ type: "issue_coupon", discount: "percentage", value: 10, validity: { type: "days", days: 30 } }],
        outcome_window_days: 30,
      })
      const casey = await customerSession(api, store, { email: "casey@example.com" })
      const [exposure] = await eventually(() => exposures(coupon.id), (e) => e.length > 0 && !!e[0])
      expect(exposure).toMatchObject({ subject_id: casey.customerId, arm: "treated", variant: null })
      // The exposure is written while the actions run, the run log when they are done: wait for the log.
      type Run = { actions: { list: { detail: { code: string } }[]; exposure: unknown } }
      const runs: Run[] = await eventually(
        async () => (await api.get(`/admin/automation-rules/${coupon.id}/runs`, admin)).data.runs as Run[],
        (list) => !!list[0]?.actions?.list?.length
      )
      const code = runs[0].actions.list[0].detail.code as string
      expect(runs[0].actions.exposure).toMatchObject({ arm: "treated", exposure_id: exposure.id })

      const withCoupon = await checkout(api, {
        regionId: store.regions.usd,
        variantId: kettle(),
        shippingOptionId: store.shippingOptionId,
        email: "casey@example.com",
        headers: casey.headers,
        promoCodes: [code],
      })
      const plain = await checkout(api, { regionId: store.regions.usd, variantId: kettle(), shippingOptionId: store.shippingOptionId, email: "casey@example.com", headers: casey.headers })
      const orders = await Promise.all(
        [withCoupon.id, plain.id].map(async (id) => (await api.get(`/admin/orders/${id}?fields=id,total,discount_total`, admin)).data.order)
      )
      expect(orders[0].discount_total).toBeGreaterThan(0)

      const r = await eventually(() => report(coupon.id), (x) => x.funnel.orders === 2)
      expect(r.funnel).toMatchObject({ triggered: 1, subjects: 1, matched: 1, fired: 1, held_out: 0, acted: 1, responded: 1, orders: 2 })
      expect(Number(r.funnel.revenue.amount)).toBeCloseTo(orders[0].total + orders[1].total, 2)
      expect(r.actions).toEqual([{ type: "issue_coupon", taken: 1, coupons_redeemed: 1 }])
      expect(Number(r.cost.discounts.amount)).toBeCloseTo(orders[0].discount_total, 2)
      expect(r.control.verdict).toBe("not_enough_data")
      expect(r.control.reason).toMatch(/not enough data/)

      // A promoter's bonus: its cost, and the promoter's sales after it.
      await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE", status: "active" }, admin)
      const bonus = await createRule({
        name: "First sale bonus",
        outcome: "sales",
        subject: "promoter",
        trigger: { type: "event", event: "promoter.order_attributed" },
        actions: [{ type: "award_bonus", amount: 50, currency_code: "usd", note: "first sale" }],
        frequency: { type: "once" },
      })
      const referred = (email: string) =>
        checkout(api, { regionId: store.regions.usd, variantId: kettle(), shippingOptionId: store.shippingOptionId, email, headers: store.headers, cartBody: { referral_code: "JANE" } })
      const first = await referred("first@example.com")
      await eventually(() => exposures(bonus.id), (e) => e.length > 0)
      const second = await referred("second@example.com")
      const secondTotal = (await api.get(`/admin/orders/${second.id}?fields=id,total`, admin)).data.order.total
      const b = await eventually(() => report(bonus.id), (x) => x.funnel.responded === 1)
      expect(b.funnel).toMatchObject({ fired: 1, acted: 1, responded: 1, orders: 1 })
      expect(Number(b.funnel.revenue.amount)).toBeCloseTo(secondTotal, 2)
      expect(b.cost.bonuses).toEqual({ amount: "50", currency_code: "usd" })
      expect(b.actions).toEqual([{ type: "award_bonus", taken: 1 }])
      expect(first.id).not.toBe(second.id)
    })

    it("counts a delayed coupon with the firing that scheduled it: its redemption and discount appear in the rule's report", async () => {
      const at = new Date(Date.now() + 1500).toISOString()
      const rule = await createRule({
        name: "Coupon a moment later",
        subject: "customer",
        trigger: { type: "event", event: "customer.created" },
        actions: [{ type: "delay", at, actions: [{ type: "issue_coupon", discount: "percentage", value: 15, validity: { type: "days", days: 30 } }] }],
        outcome_window_days: 30,
      })
      const dana = await customerSession(api, store, { email: "dana@example.com" })
      const [exposure] = await eventually(() => exposures(rule.id), (e) => e.length > 0)
      expect(exposure).toMatchObject({ subject_id: dana.customerId, arm: "treated" })
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, new Date(at).getTime() - Date.now() + 50)))
      // With testing.jobs off the plugin's every-minute job does nothing (it cannot race this test): the action is
      // still due when run-due runs it.
      await automationDueActions(getContainer())
      expect((await api.post("/admin/automation-rules/run-due", {}, admin)).data.due_actions).toBe(1)
      const [row] = (await dbConnection.raw("select promotion_ids, actions from promoter_insight_exposure where id = ?", [exposure.id])).rows
      expect(row.promotion_ids).toHaveLength(1)
      expect(row.actions.map((a: { type: string; status: string }) => `${a.type}:${a.status}`)).toEqual(["delay:scheduled", "issue_coupon:done"])
      const code = row.actions[1].detail.code as string
      // A second run of the job finds nothing due and records nothing twice.
      expect((await api.post("/admin/automation-rules/run-due", {}, admin)).data.due_actions).toBe(0)

      const order = await checkout(api, {
        regionId: store.regions.usd,
        variantId: kettle(),
        shippingOptionId: store.shippingOptionId,
        email: "dana@example.com",
        headers: dana.headers,
        promoCodes: [code],
      })
      const { discount_total } = (await api.get(`/admin/orders/${order.id}?fields=id,discount_total`, admin)).data.order
      expect(discount_total).toBeGreaterThan(0)
      const r = await eventually(() => report(rule.id), (x) => x.funnel.orders === 1)
      expect(r.actions).toEqual(expect.arrayContaining([{ type: "issue_coupon", taken: 1, coupons_redeemed: 1 }]))
      expect(Number(r.cost.discounts.amount)).toBeCloseTo(discount_total, 2)
      expect(r.funnel).toMatchObject({ fired: 1, acted: 1, responded: 1, orders: 1 })
    })

    it("a held-out share never receives the actions (its conditions are logged) and the uplift recovers a known effect", async () => {
      const start = new Date(SLOT)
      const ids = await customersWithHistory("holdout", 1500, start)
      // Generated orders are read by facts like real ones: query.graph's computed total equals the stored one.
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const sample = (await dbConnection.raw(`select o.id, (s.totals->>'current_order_total')::numeric as t from "order" o join order_summary s on s.order_id = o.id limit 3`)).rows
      const { data: graphed } = await query.graph({ entity: "order", fields: ["id", "total"], filters: { id: sample.map((s: { id: string }) => s.id) } })
      for (const s of sample) expect(Number(graphed.find((g) => g.id === s.id)!.total)).toBe(Number(s.t))

      const rule = await createRule({
        name: "Come back",
        subject: "customer",
        trigger: { type: "schedule", cron: "0 9 * * 1" },
        conditions: { all: [{ fact: "customer.purchases.count", params: { window: { type: "lifetime" } }, operator: "gte", value: 1 }] },
        actions: [{ type: "send_message", channel: "email", template: "come-back" }],
        frequency: { type: "once" },
        holdout: { share: 0.3 },
        outcome_window_days: 14,
      })
      await setClock(start.toISOString())
      const began = Date.now()
      const due = (await api.post("/admin/automation-rules/run-due", {}, admin)).data
      console.log(`[insights] 1,500 subjects evaluated and exposed in ${Date.now() - began} ms`)
      expect(due.schedule_runs).toBe(1500)
      const exposed = await exposures(rule.id)
      expect(exposed).toHaveLength(1500)
      const held = exposed.filter((e) => e.arm === "holdout")
      const treated = exposed.filter((e) => e.arm === "treated")
      // About 30 %: ids are random in each run, so the share is Binomial(1500, 0.3)/1500 (sd 1.2 pp); ±5 pp is 4 sd.
      expect(held.length / exposed.length).toBeGreaterThan(0.25)
      expect(held.length / exposed.length).toBeLessThan(0.35)
      // The group is the stable hash of rule and subject.
      for (const e of exposed) expect(e.arm === "holdout").toBe(isHeldOut({ salt: rule.id, subjectId: e.subject_id, share: 0.3 }))
      // The control group never got the message; everyone treated did.
      const emailOf = (id: string) => `${id}@history.test`
      const keyOf = new Map([...ids].map(([key, id]) => [id, key]))
      const sent = new Set(await notificationsTo("come-back"))
      expect(sent.size).toBe(treated.length)
      for (const e of held) expect(sent.has(emailOf(keyOf.get(e.subject_id)!))).toBe(false)
      for (const e of treated) expect(sent.has(emailOf(keyOf.get(e.subject_id)!))).toBe(true)
      // Their conditions were evaluated and logged, and the run says the actions were held out.
      const heldRun = (await api.get(`/admin/automation-rules/${rule.id}/runs?subject_id=${held[0].subject_id}`, admin)).data.runs[0]
      expect(heldRun).toMatchObject({ matched: true, fired: true, trace: { kind: "all", result: true } })
      expect(heldRun.actions.list).toEqual([{ type: "send_message", status: "held_out" }])
      expect(heldRun.actions.exposure).toMatchObject({ arm: "holdout", holdout_share: 0.3 })

      // Before any window closes there is nothing to tell.
      const early = await report(rule.id)
      expect(early.control.verdict).toBe("not_enough_data")
      expect(early.funnel).toMatchObject({ triggered: 1500, fired: 1500, held_out: held.length, acted: treated.length })

      // What customers then did, with a known effect: exactly 30 % of treated and 18 % of held-out customers order
      // (a seeded shuffle picks who), so the true difference in the history is 12 points, whoever landed where.
      const random = createRandom("uplift-responses")
      const responses: HistoryOrder[] = []
      for (const [arm, share] of [["treated", 0.3], ["holdout", 0.18]] as const) {
        const members = exposed.filter((e) => e.arm === arm).sort((x, y) => x.subject_id.localeCompare(y.subject_id))
        for (let i = members.length - 1; i > 0; i--) {
          const j = random.int(i + 1)
          ;[members[i], members[j]] = [members[j], members[i]]
        }
        // Order values from a stream of each group's own, so they do not depend on who landed in which group.
        const values = createRandom(`uplift-values-${arm}`)
        for (const e of members.slice(0, Math.round(share * members.length))) {
          const o = simulateResponse({ random: values, at: new Date(e.exposed_at), probability: 1, windowDays: 14 })!
          responses.push({ customerId: e.subject_id, at: o.at, amount: o.amount })
        }
      }
      await writeOrders(getContainer(), responses)
      await setClock(new Date(start.getTime() + 15 * DAY).toISOString())
      const r = await report(rule.id)
      const ordered = new Set(responses.map((o) => o.customerId))
      const revenueOf = (arm: string) => responses.filter((o) => exposed.find((e) => e.subject_id === o.customerId)!.arm === arm).reduce((s, o) => s + o.amount, 0)
      expect(r.control.treated).toMatchObject({ n: treated.length, responders: treated.filter((e) => ordered.has(e.subject_id)).length })
      expect(r.control.holdout).toMatchObject({ n: held.length, responders: held.filter((e) => ordered.has(e.subject_id)).length })
      expect(r.control.treated.revenue_per_subject).toBeCloseTo(revenueOf("treated") / treated.length, 6)
      expect(r.control.verdict).toBe("positive")
      // The true effect (12 points of response; 12 % × E[order value] of revenue per subject) lies in the intervals.
      const u = r.control.response_uplift
      expect(u.low).toBeLessThan(0.12)
      expect(u.high).toBeGreaterThan(0.12)
      expect(Math.abs(u.estimate - 0.12)).toBeLessThan(0.002)
      const trueRevenueUplift = 0.12 * 60 * Math.exp(0.5 ** 2 / 2)
      expect(r.control.revenue_uplift.low).toBeLessThan(trueRevenueUplift)
      expect(r.control.revenue_uplift.high).toBeGreaterThan(trueRevenueUplift)
      expect(r.funnel.responded).toBe(r.control.treated.responders)
      console.log(`[insights] uplift: response ${JSON.stringify(u)}, revenue/subject ${JSON.stringify(r.control.revenue_uplift)} (true 0.12, ${trueRevenueUplift.toFixed(2)})`)

      // The same subjects stay in their groups: the rule fires once, and a second schedule slot adds nobody.
      await setClock(new Date(start.getTime() + 7 * DAY).toISOString())
      await api.post("/admin/automation-rules/run-due", {}, admin)
      expect(await exposures(rule.id)).toHaveLength(1500)
    })

    it("allocates variants by Thompson sampling and moves most subjects to the variant that performs better", async () => {
      const start = new Date(SLOT)
      await customersWithHistory("bandit", 400, start)
      const rule = await createRule({
        name: "Weekly offer",
        outcome: "sales",
        subject: "customer",
        trigger: { type: "schedule", cron: "0 9 * * 1" },
        actions: [
          {
            type: "send_message",
            channel: "email",
            template: "offer",
            variants: [{ name: "A", template: "offer-a" }, { name: "B", template: "offer-b" }],
            explore_min_share: 0.05,
          },
        ],
        outcome_window_days: 6,
      })
      const truth: Record<string, number> = { A: 0.06, B: 0.25 }
      const random = createRandom("bandit-responses")
      const shares: number[] = []
      for (let round = 0; round < 6; round++) {
        const at = new Date(start.getTime() + round * 7 * DAY)
        await setClock(at.toISOString())
        await api.post("/admin/automation-rules/run-due", {}, admin)
        const thisRound = (await exposures(rule.id)).filter((e) => new Date(e.exposed_at).getTime() >= at.getTime() && new Date(e.exposed_at).getTime() < at.getTime() + DAY)
        expect(thisRound).toHaveLength(400)
        shares.push(thisRound.filter((e) => e.variant === "B").length / thisRound.length)
        const responses: HistoryOrder[] = []
        for (const e of thisRound) {
          const o = simulateResponse({ random, at: new Date(e.exposed_at), probability: truth[e.variant!], windowDays: 4 })
          if (o) responses.push({ customerId: e.subject_id, at: o.at, amount: o.amount })
        }
        await writeOrders(getContainer(), responses)
      }
      console.log(`[insights] bandit: share of variant B per round ${shares.map((s) => s.toFixed(2)).join(", ")}`)
      expect(shares[0]).toBeGreaterThan(0.35)
      expect(shares[0]).toBeLessThan(0.65)
      expect(shares[5]).toBeGreaterThan(0.8)
      // Each subject got the message of their variant.
      const all = await exposures(rule.id)
      expect((await notificationsTo("offer-b")).length).toBe(all.filter((e) => e.variant === "B").length)
      expect((await notificationsTo("offer-a")).length).toBe(all.filter((e) => e.variant === "A").length)
      expect(await notificationsTo("offer")).toHaveLength(0)

      await setClock(new Date(start.getTime() + 6 * 7 * DAY).toISOString())
      const r = await report(rule.id)
      const [a, b] = r.variants.arms
      expect(b.allocation).toBeGreaterThan(0.9)
      expect(a.allocation).toBeGreaterThanOrEqual(0.05)
      expect(r.variants.winner).toBe("B")
      expect(b.response_rate).toBeGreaterThan(a.response_rate)
      // Reproducible: the allocation recorded with an exposure is recomputed from its counts and seed.
      const last = all[all.length - 1]
      const recorded = last.allocation as { name: string; share: number; trials: number; successes: number }[]
      const recomputed = thompsonAllocation({
        arms: recorded.map((x) => ({ name: x.name, trials: x.trials, successes: x.successes })),
        floor: 0.05,
        seed: `${rule.id}:${recorded.map((x) => `${x.name}=${x.successes}/${x.trials}`).join(",")}:0.05`,
      })
      expect(recomputed.map((x) => x.share)).toEqual(recorded.map((x) => x.share))
    })
  },
})
