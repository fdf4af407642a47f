// Level 5 summaries and suggestions over HTTP, on a generated history with planted situations: a rule that works,
// one that makes no difference, one whose variant clearly wins, one that only works above a higher threshold, and
// one with too little data. Suggestions must appear for the planted situations, with their evidence, and for nothing
// else; the summary is stored and sent once per period; the dry-run estimates cost and outcome from the measurements.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { attempt } from "../helpers/http"
import { writeCustomers, writeOrders, type HistoryOrder } from "../helpers/history"
import { usePluginOptions } from "../helpers/plugin-options"
import { adminSession, storeSession, type Headers } from "../helpers/session"
import { createRandom } from "../../src/lib/insights"
import { simulateResponse } from "../fixtures/generate-history"

jest.setTimeout(600 * 1000)

usePluginOptions({ testing: { clock: true, jobs: false }, insights: { summaryRecipients: ["owner@example.com"], summaryPeriodDays: 30 } })

const DAY = 86_400_000
const SLOT = "2027-03-01T09:00:59.000Z"
type Exposure = { subject_id: string; arm: "treated" | "holdout"; variant: string | null; exposed_at: Date; rule_id: string }

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      await storeSession(getContainer())
      await api.post("/admin/automation/clock", { now: null }, admin)
    })

    const createRule = async (definition: Record<string, unknown>) =>
      (
        await api.post(
          "/admin/automation-rules",
          {
            status: "active",
            definition: {
              schema_version: 1,
              outcome: "retention",
              subject: "customer",
              trigger: { type: "schedule", cron: "0 9 * * 1" },
              frequency: { type: "once" },
              outcome_window_days: 14,
              ...definition,
            },
          },
          admin
        )
      ).data.automation_rule as { id: string; name: string }
    const tagged = (tag: string) => ({ fact: "customer.tags", operator: "contains", value: tag })
    const message = (template: string) => ({ type: "send_message", channel: "email", template })

    it("suggests changes for the planted situations only, each with its evidence; sends the summary once; estimates a dry-run", async () => {
      const start = new Date(SLOT)
      const random = createRandom("suggestions")
      const groups = { p: 300, n: 300, v: 300, t: 400, e: 20 } as const
      const people = Object.entries(groups).flatMap(([tag, n]) =>
        Array.from({ length: n }, (_, i) => ({ key: `${tag}-${i}`, tag, joined: new Date(start.getTime() - (60 + random.int(200)) * DAY), value: tag === "t" ? 50 + random.int(251) : 20 + random.int(80) }))
      )
      const ids = await writeCustomers(getContainer(), people.map((p) => ({ key: p.key, joined: p.joined, metadata: { tags: [p.tag] } })))
      await writeOrders(getContainer(), people.map((p) => ({ customerId: ids.get(p.key)!, at: new Date(p.joined.getTime() + DAY), amount: p.value })))
      const valueOf = new Map(people.map((p) => [ids.get(p.key)!, p.value]))

      const works = await createRule({ name: "Thank-you note", conditions: { all: [tagged("p")] }, actions: [message("thanks")], holdout: { share: 0.3 } })
      const flat = await createRule({ name: "Newsletter nudge", conditions: { all: [tagged("n")] }, actions: [message("newsletter")], holdout: { share: 0.3 } })
      const offer = await createRule({
        name: "Offer test",
        conditions: { all: [tagged("v")] },
        actions: [{ ...message("offer"), variants: [{ name: "A", template: "offer-a" }, { name: "B", template: "offer-b" }] }],
      })
      const loyal = await createRule({
        name: "Loyal nudge",
        conditions: { all: [tagged("t"), { fact: "customer.purchases.sum", params: { window: { type: "lifetime" } }, operator: "gte", value: { amount: 50, currency_code: "usd" } }] },
        actions: [message("loyal")],
        holdout: { share: 0.5 },
      })
      const tiny = await createRule({ name: "Tiny pilot", conditions: { all: [tagged("e")] }, actions: [message("pilot")], holdout: { share: 0.5 } })

      await api.post("/admin/automation/clock", { now: start.toISOString() }, admin)
      const due = (await api.post("/admin/automation-rules/run-due", {}, admin)).data
      expect(due.schedule_runs).toBe(1320)
      const exposed: Exposure[] = (await dbConnection.raw("select subject_id, arm, variant, exposed_at, rule_id from promoter_insight_exposure order by subject_id")).rows
      expect(exposed).toHaveLength(1320)

      // Nothing measured yet: no suggestion at all.
      const before = (await api.get("/admin/automation/insights", admin)).data
      expect(before.insights.suggestions).toEqual([])
      expect(before.text).toContain("No suggestions")

      // The planted responses: exact shares of each group, spread evenly over the group's purchase values, so every
      // value band of every arm responds at the planted rate. (Arms and ids are random in each run; a random pick of
      // responders let a chance cluster move the change point or make the flat side look positive, which made this
      // test fail about one run in four. How the choice copes with random samples is measured in
      // suggestions.unit.spec.)
      const responses: HistoryOrder[] = []
      const respond = (members: Exposure[], share: number) => {
        const list = [...members].sort((a, b) => valueOf.get(a.subject_id)! - valueOf.get(b.subject_id)! || a.subject_id.localeCompare(b.subject_id))
        list.forEach((e, i) => {
          if (Math.floor((i + 1) * share) === Math.floor(i * share)) return
          const o = simulateResponse({ random, at: new Date(e.exposed_at), probability: 1, windowDays: 14 })!
          responses.push({ customerId: e.subject_id, at: o.at, amount: o.amount })
        })
      }
      const of = (rule: { id: string }, where: (e: Exposure) => boolean = () => true) => exposed.filter((e) => e.rule_id === rule.id && where(e))
      respond(of(works, (e) => e.arm === "treated"), 0.35)
      respond(of(works, (e) => e.arm === "holdout"), 0.15)
      respond(of(flat, (e) => e.arm === "treated"), 0.2)
      respond(of(flat, (e) => e.arm === "holdout"), 0.2)
      respond(of(offer, (e) => e.variant === "A"), 0.1)
      respond(of(offer, (e) => e.variant === "B"), 0.4)
      respond(of(loyal, (e) => e.arm === "treated" && valueOf.get(e.subject_id)! >= 150), 0.45)
      respond(of(loyal, (e) => e.arm === "holdout" && valueOf.get(e.subject_id)! >= 150), 0.15)
      respond(of(loyal, (e) => e.arm === "treated" && valueOf.get(e.subject_id)! < 150), 0.15)
      respond(of(loyal, (e) => e.arm === "holdout" && valueOf.get(e.subject_id)! < 150), 0.15)
      respond(of(tiny, (e) => e.arm === "treated"), 0.5)
      respond(of(tiny, (e) => e.arm === "holdout"), 0.1)
      await writeOrders(getContainer(), responses)
      await api.post("/admin/automation/clock", { now: new Date(start.getTime() + 15 * DAY).toISOString() }, admin)

      const { insights, text, writer } = (await api.get("/admin/automation/insights", admin)).data
      expect(writer).toBe("deterministic")
      const byRule = (id: string) => insights.suggestions.filter((s: { rule_id: string }) => s.rule_id === id)
      expect(insights.suggestions.map((s: { rule_name: string; kind: string }) => `${s.rule_name}: ${s.kind}`).sort()).toEqual([
        "Loyal nudge: raise_threshold",
        "Newsletter nudge: no_uplift",
        "Offer test: variant_won",
      ])
      expect(byRule(works.id)).toEqual([])
      expect(byRule(tiny.id)).toEqual([])
      const [noUplift] = byRule(flat.id)
      expect(noUplift.evidence.verdict).toBe("no_measurable_difference")
      expect(noUplift.evidence.response_uplift.low).toBeLessThan(0)
      expect(noUplift.evidence.response_uplift.high).toBeGreaterThan(0)
      const [threshold] = byRule(loyal.id)
      expect(threshold.evidence).toMatchObject({ fact: "customer.purchases.sum", current_threshold: 50, currency_code: "usd" })
      // The planted step is at 150; cut points are the deciles of the values seen (uniform 50–300: ~25 apart).
      expect(threshold.evidence.suggested_threshold).toBeGreaterThanOrEqual(120)
      expect(threshold.evidence.suggested_threshold).toBeLessThanOrEqual(180)
      expect(threshold.evidence.above.verdict).toBe("positive")
      expect(threshold.evidence.below.verdict).not.toBe("positive")
      const [won] = byRule(offer.id)
      expect(won.evidence.winner).toBe("B")
      expect(won.message).toContain('variant "B" has clearly won')

      // The summary: what each rule did, cost and returned against its control group.
      const rule = (id: string) => insights.rules.find((r: { id: string }) => r.id === id)
      expect(rule(works.id)).toMatchObject({ verdict: "positive", fired: 300 })
      expect(rule(tiny.id).verdict).toBe("not_enough_data")
      expect(rule(offer.id).verdict).toBe("no_control_group")
      expect(insights.totals.acted + insights.totals.held_out).toBe(1320)
      expect(text).toContain("Thank-you note: fired 300")
      expect(text).toContain("not enough data yet to compare with its control group")
      expect(text).toContain('raise customer.purchases.sum from 50 USD to')
      console.log(`[insights] summary text:\n${text}`)

      // Sent once per period to the configured recipients, through the Notification module.
      const sent = (await api.post("/admin/automation/insights/summary", {}, admin)).data.summary
      expect(sent).toMatchObject({ created: true, notified: ["owner@example.com"] })
      const again = (await api.post("/admin/automation/insights/summary", {}, admin)).data.summary
      expect(again).toMatchObject({ created: false, id: sent.id })
      const notes = (await dbConnection.raw("select \"to\", channel, data from notification where template = 'promoter-automation-summary'")).rows
      expect(notes).toHaveLength(1)
      expect(notes[0]).toMatchObject({ to: "owner@example.com", channel: "email" })
      expect(notes[0].data.text).toBe(sent.text)
      expect((await attempt(api.get("/admin/automation/insights?from=2027-04-01&to=2027-03-01", admin))).status).toBe(400)

      // The dry-run of a draft estimates cost and outcome from the measured rules with the same subject and actions.
      const someone = exposed.find((e) => e.rule_id === flat.id)!.subject_id
      const draft = { schema_version: 1, name: "Draft", outcome: "retention", subject: "customer", trigger: { type: "schedule", cron: "0 9 * * 1" }, actions: [message("draft")] }
      const sim = (await api.post("/admin/automation-rules/simulate", { definition: draft, subject: { type: "customer", id: someone }, events: [{ name: "schedule", at: start.toISOString() }, { name: "schedule", at: new Date(start.getTime() + 7 * DAY).toISOString() }] }, admin)).data.simulation
      expect(sim.fired).toBe(2)
      const pooled = (await dbConnection.raw("select arm, count(*)::int as n, (count(*) filter (where responded_at is not null))::int as r from promoter_insight_exposure where final group by arm")).rows
      const t = pooled.find((r: { arm: string }) => r.arm === "treated")
      expect(sim.estimate.basis).toMatchObject({ kind: "similar_rules", treated: t.n, action_types: ["send_message"] })
      expect(sim.estimate.basis.rule_ids.sort()).toEqual([works.id, flat.id, offer.id, loyal.id, tiny.id].sort())
      expect(sim.estimate.per_firing.response_rate).toBeCloseTo(t.r / t.n, 10)
      expect(sim.estimate.expected.responses).toBeCloseTo((2 * t.r) / t.n, 2)
      // A saved rule with enough measured firings is estimated on its own, and its dry-run says which group the
      // subject is in (the same as their exposure); only the treated share of firings costs and earns.
      const member = exposed.find((e) => e.rule_id === works.id)!
      const own = (await api.post(`/admin/automation-rules/${works.id}/simulate`, { subject: { type: "customer", id: member.subject_id }, events: [{ name: "schedule", at: start.toISOString() }] }, admin)).data.simulation
      expect(own.fired).toBe(1)
      expect(own.runs[0].would_be).toBe(member.arm === "holdout" ? "held_out" : "treated")
      expect(own.estimate.basis.kind).toBe("this_rule")
      expect(own.estimate.expected).toMatchObject({ firings: 1, treated: 0.7 })
      expect(own.estimate.per_firing.response_uplift).toBeCloseTo(0.2, 1)
    })
  },
})
