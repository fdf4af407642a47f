// Chains, tags, delayed actions run by the due-actions job (durable rows, once across two store processes), rule
// firings left half done by a dead process, cron schedules, and the dry-run of a saved rule.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import path from "node:path"
import { checkout } from "../helpers/checkout"
import { eventually } from "../helpers/http"
import { usePluginOptions } from "../helpers/plugin-options"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"
import { startStoreProcess } from "../helpers/store-process"
import { PROMOTER_MODULE } from "../../src/modules/promoter"
import type PromoterModuleService from "../../src/modules/promoter/service"
import type { StoreFixture } from "../../demo/fixtures/store"

jest.setTimeout(300 * 1000)

const OPTIONS = usePluginOptions({ testing: { clock: true, jobs: false } })

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConfig, dbConnection }) => {
    let admin: Headers
    let store: StoreFixture & Headers

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      store = await storeSession(getContainer())
      await api.post("/admin/automation/clock", { now: null }, admin)
    })

    const rule = async (definition: Record<string, unknown>) =>
      (await api.post("/admin/automation-rules", { status: "active", definition: { schema_version: 1, outcome: "loyalty", ...definition } }, admin)).data
        .automation_rule
    const sent = async (template: string) =>
      ((await api.get("/admin/notifications?fields=*&limit=200", admin)).data.notifications as { template: string; to: string }[]).filter((n) => n.template === template)

    it("chains rules by events, sets tags, and runs a delayed action once even with two store processes", async () => {
      const casey = await customerSession(api, store, { email: "casey@example.com" })
      await rule({
        name: "First order",
        subject: "customer",
        trigger: { type: "event", event: "order.placed" },
        actions: [
          { type: "set_tags", add: ["buyer"] },
          { type: "emit_event", event: "rule.welcome" },
          { type: "delay", after: { days: 2 }, actions: [{ type: "send_message", channel: "email", template: "follow-up" }] },
        ],
        frequency: { type: "once" },
      })
      await rule({ name: "Welcome", subject: "customer", trigger: { type: "event", event: "rule.welcome" }, actions: [{ type: "send_message", channel: "email", template: "welcome" }] })
      // The tags are set through Medusa's customer workflow, so the store hears about it like any other change.
      const customerUpdates: string[] = []
      getContainer()
        .resolve(Modules.EVENT_BUS)
        .subscribe("customer.updated", async (event) => {
          customerUpdates.push((event.data as { id: string }).id)
        })

      await checkout(api, {
        regionId: store.regions.usd,
        variantId: store.products[0].variantId,
        shippingOptionId: store.shippingOptionId,
        email: "casey@example.com",
        headers: casey.headers,
      })
      expect(await eventually(() => sent("welcome"), (n) => n.length > 0)).toEqual([expect.objectContaining({ to: "casey@example.com" })])
      const customer = (await api.get(`/admin/customers/${casey.customerId}`, admin)).data.customer
      expect(customer.metadata.tags).toEqual(["buyer"])
      expect(await eventually(async () => customerUpdates, (ids) => ids.includes(casey.customerId))).toContain(casey.customerId)
      expect(await sent("follow-up")).toHaveLength(0)

      // Not due yet.
      expect((await api.post("/admin/automation-rules/run-due", {}, admin)).data.due_actions).toBe(0)

      // Three days later, a second store process (a restarted worker) and this one both run the due actions at once.
      const later = new Date(Date.now() + 3 * 86_400_000).toISOString()
      const other = await startStoreProcess({ databaseUrl: dbConfig.clientUrl, env: { PROMOTER_OPTIONS_JSON: OPTIONS } })
      try {
        const otherApi = (p: string, body: unknown) =>
          fetch(`http://localhost:${other.port}${p}`, { method: "POST", headers: { ...admin.headers, "content-type": "application/json" }, body: JSON.stringify(body) }).then((r: Response) => r.json())
        await otherApi("/admin/automation/clock", { now: later })
        await api.post("/admin/automation/clock", { now: later }, admin)
        const [here, there] = await Promise.all([api.post("/admin/automation-rules/run-due", {}, admin).then((r: { data: { due_actions: number } }) => r.data), otherApi("/admin/automation-rules/run-due", {})])
        expect(here.due_actions + there.due_actions).toBe(1)
      } finally {
        await other.stop()
      }
      expect(await sent("follow-up")).toEqual([expect.objectContaining({ to: "casey@example.com" })])
      expect((await api.post("/admin/automation-rules/run-due", {}, admin)).data.due_actions).toBe(0)
    })

    it("finishes a rule firing a dead process left half done, once, and leaves one that is being worked on alone", async () => {
      const jane = (await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE" }, admin)).data.promoter
      const twoMessages = await rule({
        name: "Two messages",
        subject: "promoter",
        trigger: { type: "event", event: "rule.ping" },
        actions: [
          { type: "send_message", channel: "feed", template: "first" },
          { type: "send_message", channel: "feed", template: "second" },
        ],
      })
      const claim = (key: string, secondsAgo: number, actionsDone: number) =>
        dbConnection.raw(
          `insert into promoter_automation_firing (id, rule_id, subject_id, period_key, claimed_at, actions_done)
           values (?, ?, ?, ?, now() - ? * interval '1 second', ?)`,
          [`afire_test_${key}`, twoMessages.id, jane.id, `event:rule.ping:${key}`, secondsAgo, actionsDone]
        )
      // A worker claimed k1 20 s ago, sent the first message and died (its claim is no longer renewed); another is
      // working on k2 right now.
      await claim("k1", 20, 1)
      await claim("k2", 0, 0)
      const eventBus = getContainer().resolve(Modules.EVENT_BUS)
      const ping = (key: string) =>
        eventBus.emit({ name: "automation.rule_event", data: { event: "rule.ping", subject_type: "promoter", subject_id: jane.id, key } })
      // k1 is delivered again twice at once (BullMQ's hand-over and a duplicate): one takes the claim over.
      await Promise.all([ping("k1"), ping("k1"), ping("k2")])
      await eventually(() => sent("second"), (n) => n.length > 0)
      await new Promise((r) => setTimeout(r, 1000))
      expect((await sent("second")).map((n) => n.to)).toEqual(["jane@example.com"])
      expect(await sent("first")).toEqual([])
      const firings = (
        await dbConnection.raw(
          "select period_key, completed_at is not null as done, actions_done from promoter_automation_firing where rule_id = ? order by period_key",
          [twoMessages.id]
        )
      ).rows
      expect(firings).toEqual([
        { period_key: "event:rule.ping:k1", done: true, actions_done: 2 },
        { period_key: "event:rule.ping:k2", done: false, actions_done: 0 },
      ])
    })

    it("completes a firing and writes its fired run together: when the run cannot be written the firing stays open for the redelivery", async () => {
      const jane = (await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE" }, admin)).data.promoter
      const once = await rule({ name: "Pinged", subject: "promoter", trigger: { type: "event", event: "rule.pong" }, actions: [{ type: "send_message", channel: "feed", template: "pong" }] })
      const eventBus = getContainer().resolve(Modules.EVENT_BUS)
      const pong = () => eventBus.emit({ name: "automation.rule_event", data: { event: "rule.pong", subject_type: "promoter", subject_id: jane.id, key: "p1" } })
      const state = async () => ({
        firings: (await dbConnection.raw("select completed_at is not null as done, actions_done from promoter_automation_firing where rule_id = ?", [once.id])).rows,
        fired_runs: (await dbConnection.raw("select count(*)::int as n from promoter_automation_run where rule_id = ? and fired", [once.id])).rows[0].n,
      })
      // The process fails right after the actions, while writing the trace (here: PostgreSQL refuses the run row).
      await dbConnection.raw(`
        create function test_refuse_run() returns trigger language plpgsql as $$
        begin if new.rule_id = '${once.id}' then raise exception 'the process died here'; end if; return new; end $$;
        create trigger test_refuse_run before insert on promoter_automation_run for each row execute function test_refuse_run();`)
      try {
        await pong()
        await eventually(() => sent("pong"), (n) => n.length > 0)
        await new Promise((r) => setTimeout(r, 1000))
        // Not a completed firing without its run: the firing is still an open claim, with its action counted as done.
        expect(await state()).toEqual({ firings: [{ done: false, actions_done: 1 }], fired_runs: 0 })
      } finally {
        await dbConnection.raw("drop trigger test_refuse_run on promoter_automation_run; drop function test_refuse_run();")
      }
      // The redelivery (once the claim is stale) completes it, with one fired run, and does not send the message again.
      await dbConnection.raw("update promoter_automation_firing set claimed_at = now() - interval '1 hour' where rule_id = ?", [once.id])
      await pong()
      await eventually(state, (s) => s.fired_runs === 1)
      expect(await state()).toEqual({ firings: [{ done: true, actions_done: 1 }], fired_runs: 1 })
      expect(await sent("pong")).toHaveLength(1)
    })

    it("a rule's tier change that fails leaves no tier history behind (the workflow removes the row it wrote)", async () => {
      const jane = (await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE" }, admin)).data.promoter
      const gone = (await api.post("/admin/promoter-tiers", { name: "Gone", rank: 9, commission_rates_bps: [100] }, admin)).data.tier
      const promote = await rule({ name: "Promote", subject: "promoter", trigger: { type: "event", event: "rule.promote" }, actions: [{ type: "change_tier", to: { tier_id: gone.id } }] })
      // The tier is deleted after the rule was saved: the change fails when it runs.
      await getContainer().resolve<PromoterModuleService>(PROMOTER_MODULE).softDeletePromoterTiers(gone.id)
      await getContainer().resolve(Modules.EVENT_BUS).emit({ name: "automation.rule_event", data: { event: "rule.promote", subject_type: "promoter", subject_id: jane.id, key: "t1" } })
      const runs = await eventually(
        async () => (await api.get(`/admin/automation-rules/${promote.id}/runs`, admin)).data.runs as { actions: { list: { type: string; status: string; error?: string }[] } }[],
        (r) => r.length > 0
      )
      expect(runs[0].actions.list).toEqual([expect.objectContaining({ type: "change_tier", status: "failed", error: expect.stringContaining("does not exist") })])
      expect((await dbConnection.raw("select count(*)::int as n from promoter_tier_change where promoter_id = ?", [jane.id])).rows[0].n).toBe(0)
      expect((await api.get(`/admin/promoters/${jane.id}`, admin)).data.promoter.tier).toBeNull()
    })

    it("runs cron-scheduled rules for every subject once per slot, and dry-runs a saved rule on given events", async () => {
      await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE" }, admin)
      await api.post("/admin/promoters", { name: "Sam", email: "sam@example.com", referral_code: "SAM" }, admin)
      const monthly = await rule({
        name: "Monthly report",
        outcome: "knowledge",
        subject: "promoter",
        trigger: { type: "schedule", cron: "0 9 1 * *" },
        actions: [{ type: "send_message", channel: "email", template: "monthly-report" }],
      })
      await api.post("/admin/automation/clock", { now: "2027-02-01T08:30:00.000Z" }, admin)
      expect((await api.post("/admin/automation-rules/run-due", {}, admin)).data.schedule_runs).toBe(0)
      await api.post("/admin/automation/clock", { now: "2027-02-01T09:00:30.000Z" }, admin)
      expect((await api.post("/admin/automation-rules/run-due", {}, admin)).data.schedule_runs).toBe(2)
      await api.post("/admin/automation-rules/run-due", {}, admin)
      expect((await sent("monthly-report")).map((n) => n.to).sort()).toEqual(["jane@example.com", "sam@example.com"])

      // A slot missed while nothing ran (the store was down at 09:00 on 1 March, or that run failed) is run by the
      // next run, once: the runs pick up from the last one that finished, not from the last minute.
      await api.post("/admin/automation/clock", { now: "2027-03-01T08:59:00.000Z" }, admin)
      expect((await api.post("/admin/automation-rules/run-due", {}, admin)).data.schedule_runs).toBe(0)
      await api.post("/admin/automation/clock", { now: "2027-03-01T11:20:00.000Z" }, admin)
      expect((await api.post("/admin/automation-rules/run-due", {}, admin)).data.schedule_runs).toBe(2)
      expect((await api.post("/admin/automation-rules/run-due", {}, admin)).data.schedule_runs).toBe(0)
      await api.post("/admin/automation/clock", { now: "2027-03-01T11:25:00.000Z" }, admin)
      expect((await api.post("/admin/automation-rules/run-due", {}, admin)).data.schedule_runs).toBe(0)
      expect((await sent("monthly-report")).length).toBe(4)

      const jane = (await api.get("/admin/promoters?q=jane", admin)).data.promoters[0]
      const sim = (
        await api.post(
          `/admin/automation-rules/${monthly.id}/simulate`,
          { subject: { type: "promoter", id: jane.id }, from: "2027-01-01T00:00:00Z", to: "2027-04-30T00:00:00Z" },
          admin
        )
      ).data.simulation
      expect(sim.runs.map((r: { at: string; fired: boolean }) => [r.at.slice(0, 10), r.fired])).toEqual([
        ["2027-01-01", true],
        ["2027-02-01", true],
        ["2027-03-01", true],
        ["2027-04-01", true],
      ])
      // The dry run sent nothing: the four of February and March.
      expect((await sent("monthly-report")).length).toBe(4)
    })
  },
})
