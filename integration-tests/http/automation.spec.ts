// The automation levels 1-4 as a store owner sets them up: rules created over the admin API, real orders through
// Medusa's store API, and the results checked as Medusa promotions, notification rows, tiers and bonuses.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { checkout } from "../helpers/checkout"
import { attempt, eventually } from "../helpers/http"
import { usePluginOptions } from "../helpers/plugin-options"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"
import type { StoreFixture } from "../../demo/fixtures/store"

jest.setTimeout(300 * 1000)

usePluginOptions({ testing: { clock: true, jobs: false } })

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

    const kettle = () => store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId
    const setClock = (iso: string | null) => api.post("/admin/automation/clock", { now: iso }, admin)
    const createRule = async (definition: Record<string, unknown>) =>
      (await api.post("/admin/automation-rules", { definition: { schema_version: 1, ...definition }, status: "active" }, admin)).data
        .automation_rule
    const runsOf = async (ruleId: string) => (await api.get(`/admin/automation-rules/${ruleId}/runs?limit=200`, admin)).data.runs
    const notifications = async (template: string) =>
      ((await api.get("/admin/notifications?fields=*&limit=100", admin)).data.notifications as { template: string; to: string; channel: string; data: Record<string, unknown> }[]).filter(
        (n) => n.template === template
      )

    /** Places an order as `who` at clock time `at`, waits until the rules ran on it, then dates the order `at`. */
    async function orderAt(who: Headers & { customerId?: string }, at: string | null, { quantity = 1, referral, email }: { quantity?: number; referral?: string; email?: string } = {}) {
      await setClock(at)
      const before = (await dbConnection.raw("select count(*)::int as n from promoter_automation_run")).rows[0].n
      const order = await checkout(api, {
        regionId: store.regions.usd,
        variantId: kettle(),
        shippingOptionId: store.shippingOptionId,
        quantity,
        email,
        headers: who.headers,
        ...(referral ? { cartBody: { referral_code: referral } } : {}),
      })
      const active = (await dbConnection.raw("select count(*)::int as n from promoter_automation_rule where status = 'active' and deleted_at is null")).rows[0].n
      if (active) {
        await eventually(
          async () => (await dbConnection.raw("select count(*)::int as n from promoter_automation_run")).rows[0].n,
          (n: number) => n > before,
          15000
        )
      }
      if (at) await dbConnection.raw(`update "order" set created_at = ? where id = ?`, [at, order.id])
      return order
    }

    describe("managing rules", () => {
      it("rejects malformed rules with a 400 naming the JSON path, and stores nothing", async () => {
        const bad = [
          [{ name: "x", outcome: "loyalty", subject: "customer", trigger: { type: "event", event: "order.placed" }, actions: [{ type: "send_message", channel: "pigeon", template: "t" }] }, "actions.0.channel"],
          [{ name: "x", outcome: "loyalty", subject: "customer", trigger: { type: "event", event: "order.placed" }, conditions: { all: [{ fact: "customer.shoe_size", operator: "eq", value: 1 }] }, actions: [{ type: "set_tags", add: ["a"] }] }, 'conditions.all.0.fact: unknown fact "customer.shoe_size"'],
          [{ name: "x", outcome: "loyalty", subject: "customer", trigger: { type: "event", event: "order.placed" }, conditions: { all: [{ fact: "customer.tenure_years", operator: "roughly", value: 1 }] }, actions: [{ type: "set_tags", add: ["a"] }] }, 'conditions.all.0.operator: unknown operator "roughly"'],
          [{ name: "x", outcome: "loyalty", subject: "customer", trigger: { type: "event", event: "order.placed" }, conditions: { all: [{ fact: "customer.tenure_years", operator: "gt", value: "five" }] }, actions: [{ type: "launch" }] }, "actions.0.type"],
          [{ name: "x", outcome: "loyalty", subject: "customer", trigger: { type: "schedule", cron: "every day at noon" }, actions: [{ type: "set_tags", add: ["a"] }] }, "trigger.cron"],
        ] as const
        for (const [definition, path] of bad) {
          const res = await attempt(api.post("/admin/automation-rules", { definition: { schema_version: 1, ...definition } }, admin))
          expect(res.status).toBe(400)
          expect(res.data.message).toContain(path)
        }
        const a = await createRule({ name: "A", outcome: "loyalty", subject: "customer", trigger: { type: "event", event: "rule.a" }, actions: [{ type: "emit_event", event: "rule.b" }] })
        const loop = await attempt(
          api.post("/admin/automation-rules", { definition: { schema_version: 1, name: "B", outcome: "loyalty", subject: "customer", trigger: { type: "event", event: "rule.b" }, actions: [{ type: "emit_event", event: "rule.a" }] } }, admin)
        )
        expect(loop.status).toBe(400)
        expect(loop.data.message).toContain("loop")
        expect((await api.get("/admin/automation-rules", admin)).data.count).toBe(1)

        const paused = (await api.post(`/admin/automation-rules/${a.id}/pause`, {}, admin)).data.automation_rule
        expect(paused.status).toBe("paused")
        const edited = (await api.post(`/admin/automation-rules/${a.id}`, { definition: { ...a.definition, name: "A2" } }, admin)).data.automation_rule
        expect(edited).toEqual(expect.objectContaining({ name: "A2", version: 2 }))
        expect((await api.delete(`/admin/automation-rules/${a.id}`, admin)).data.deleted).toBe(true)
        expect((await attempt(api.get(`/admin/automation-rules/${a.id}`, admin))).status).toBe(404)
        const vocabulary = (await api.get("/admin/automation-rules/vocabulary", admin)).data
        expect(vocabulary.facts.map((f: { name: string }) => f.name)).toContain("customer.consecutive_periods")
        expect(vocabulary.operators.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(["gte", "between", "contains"]))
      })
    })

    describe("level 1: if / then", () => {
      it("sends a birthday message on the customer's birthday, once that day", async () => {
        const casey = await customerSession(api, store, { email: "casey@example.com" })
        await dbConnection.raw(`update customer set metadata = '{"birthday":"1990-03-14"}' where id = ?`, [casey.customerId])
        await createRule({ name: "Birthday", outcome: "loyalty", subject: "customer", trigger: { type: "date", date: "birthday" }, actions: [{ type: "send_message", channel: "email", template: "birthday", data: { headline: "Happy birthday!" } }] })
        await setClock("2027-03-13T10:00:00.000Z")
        await api.post("/admin/automation-rules/run-due", {}, admin)
        expect(await notifications("birthday")).toHaveLength(0)
        await setClock("2027-03-14T10:00:00.000Z")
        await api.post("/admin/automation-rules/run-due", {}, admin)
        await api.post("/admin/automation-rules/run-due", {}, admin)
        const sent = await notifications("birthday")
        expect(sent).toHaveLength(1)
        expect(sent[0]).toEqual(expect.objectContaining({ to: "casey@example.com", channel: "email", data: expect.objectContaining({ headline: "Happy birthday!", name: "Casey Customer" }) }))
      })

      it("messages a promoter who sells more than $200 in a month, once that month", async () => {
        const jane = (await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE" }, admin)).data.promoter
        const rule = await createRule({
          name: "Monthly star",
          outcome: "recognition",
          subject: "promoter",
          trigger: { type: "event", event: "promoter.order_attributed" },
          conditions: { all: [{ fact: "promoter.sales.sum", params: { window: { type: "calendar", unit: "month" } }, operator: "gt", value: { amount: 200, currency_code: "usd" } }] },
          actions: [{ type: "send_message", channel: "email", template: "monthly-star" }],
          frequency: { type: "once_per_period", window: { type: "calendar", unit: "month" } },
        })
        await orderAt(store, null, { referral: "JANE" })
        expect(await notifications("monthly-star")).toHaveLength(0)
        await orderAt(store, null, { referral: "JANE" })
        await orderAt(store, null, { referral: "JANE" })
        const sent = await eventually(() => notifications("monthly-star"), (n) => n.length > 0)
        expect(sent.map((n) => n.to)).toEqual(["jane@example.com"])
        const runs = await runsOf(rule.id)
        const fired = runs.filter((r: { fired: boolean }) => r.fired)
        expect(fired).toHaveLength(1)
        expect(fired[0].trace.children[0]).toEqual(expect.objectContaining({ fact: "promoter.sales.sum", operator: "gt", actual: { amount: "260", currency_code: "usd" }, result: true }))
        expect(runs.filter((r: { skipped_reason: string | null }) => r.skipped_reason?.startsWith("already fired"))).toHaveLength(1)
        void jane
      })
    })

    describe("level 2: several conditions and time frames", () => {
      it("gives a customer who buys $100+ in July a 50% coupon for all of August, only for them", async () => {
        const casey = await customerSession(api, store, { email: "casey@example.com" })
        const other = await customerSession(api, store, { email: "other@example.com" })
        const rule = await createRule({
          name: "July spenders",
          outcome: "loyalty",
          subject: "customer",
          trigger: { type: "event", event: "order.placed" },
          conditions: { all: [{ fact: "customer.purchases.sum", params: { window: { type: "month_of_year", month: 7 } }, operator: "gte", value: { amount: 100, currency_code: "usd" } }] },
          actions: [{ type: "issue_coupon", discount: "percentage", value: 50, validity: { type: "next_period", unit: "month" } }],
          frequency: { type: "once_per_period", window: { type: "calendar", unit: "year" } },
        })
        await orderAt(other, "2027-06-20T12:00:00.000Z")
        await orderAt(casey, "2027-07-10T12:00:00.000Z")
        await orderAt(casey, "2027-07-20T12:00:00.000Z")
        const runs = await runsOf(rule.id)
        const fired = runs.filter((r: { fired: boolean }) => r.fired)
        expect(fired).toHaveLength(1)
        expect(fired[0].subject_id).toBe(casey.customerId)
        const coupon = fired[0].actions.list[0]
        expect(coupon).toEqual(expect.objectContaining({ type: "issue_coupon", status: "done" }))
        expect(coupon.detail).toEqual(expect.objectContaining({ starts_at: "2027-08-01T00:00:00.000Z", ends_at: "2027-09-01T00:00:00.000Z", value: "50" }))

        const promotion = (await api.get(`/admin/promotions/${coupon.detail.promotion_id}?fields=*rules,*rules.values,*campaign,*application_method`, admin)).data.promotion
        expect(promotion.application_method).toEqual(expect.objectContaining({ type: "percentage", value: 50 }))
        expect(promotion.campaign).toEqual(expect.objectContaining({ starts_at: "2027-08-01T00:00:00.000Z", ends_at: "2027-09-01T00:00:00.000Z" }))
        expect(promotion.rules).toEqual([expect.objectContaining({ attribute: "customer.id", operator: "eq", values: [expect.objectContaining({ value: casey.customerId })] })])

        // Not before August, and never for another customer: Medusa refuses to apply it now.
        const { data: cart } = await api.post("/store/carts", { region_id: store.regions.usd }, other)
        await api.post(`/store/carts/${cart.cart.id}/line-items`, { variant_id: kettle(), quantity: 1 }, other)
        await attempt(api.post(`/store/carts/${cart.cart.id}/promotions`, { promo_codes: [promotion.code] }, other))
        const after = (await api.get(`/store/carts/${cart.cart.id}`, other)).data.cart
        expect(after.discount_total).toBe(0)
      })
    })

    describe("level 3: chains with per-person windows", () => {
      it("sends a party host a gift by postal mail after their first two sales in their first three months, once", async () => {
        const sam = (await api.post("/admin/promoters", { name: "Sam", email: "sam@example.com", referral_code: "SAM", metadata: { tags: ["party_host"] } }, admin)).data.promoter
        const rule = await createRule({
          name: "Party host gift",
          outcome: "recognition",
          subject: "promoter",
          trigger: { type: "event", event: "promoter.order_attributed" },
          conditions: {
            all: [
              { fact: "promoter.tags", operator: "contains", value: "party_host" },
              { fact: "promoter.sales.count", params: { window: { type: "since_subject", months: 3 } }, operator: "gte", value: 2 },
            ],
          },
          actions: [{ type: "send_message", channel: "postal", template: "party-host-gift" }],
          frequency: { type: "once" },
        })
        await orderAt(store, null, { referral: "SAM" })
        expect(await notifications("party-host-gift")).toHaveLength(0)
        await orderAt(store, null, { referral: "SAM" })
        await orderAt(store, null, { referral: "SAM" })
        const sent = await notifications("party-host-gift")
        expect(sent).toEqual([expect.objectContaining({ channel: "postal", to: "sam@example.com" })])
        expect((await runsOf(rule.id)).filter((r: { fired: boolean }) => r.fired)).toHaveLength(1)
        void sam
      })

      it("pays a $50 bonus at $1,500 a month, promotes to the next tier with a recruit that month, and reminds once at $1,200", async () => {
        const bronze = (await api.post("/admin/promoter-tiers", { name: "Bronze", rank: 1, commission_rates_bps: [1000] }, admin)).data.tier
        const silver = (await api.post("/admin/promoter-tiers", { name: "Silver", rank: 2, commission_rates_bps: [1200] }, admin)).data.tier
        const kim = (await api.post("/admin/promoters", { name: "Kim", email: "kim@example.com", referral_code: "KIM", tier_id: bronze.id }, admin)).data.promoter
        const month = { window: { type: "calendar", unit: "month" } }
        await createRule({
          name: "Almost there",
          outcome: "sales",
          subject: "promoter",
          trigger: { type: "event", event: "promoter.order_attributed" },
          conditions: { all: [{ fact: "promoter.sales.sum", params: month, operator: "between", value: [{ amount: 1200, currency_code: "usd" }, { amount: "1499.99", currency_code: "usd" }] }] },
          actions: [{ type: "send_message", channel: "email", template: "almost-there", data: { goal: 1500 } }],
          frequency: { type: "once_per_period", window: { type: "calendar", unit: "month" } },
        })
        const bonusRule = await createRule({
          name: "1500 club",
          outcome: "sales",
          subject: "promoter",
          trigger: { type: "event", event: "promoter.order_attributed" },
          conditions: { all: [{ fact: "promoter.sales.sum", params: month, operator: "gte", value: { amount: 1500, currency_code: "usd" } }] },
          actions: [{ type: "award_bonus", amount: 50, currency_code: "usd", note: "$1,500 month" }],
          branches: [{ name: "also recruited", when: { fact: "promoter.recruits.count", params: month, operator: "gte", value: 1 }, actions: [{ type: "change_tier", to: "next" }] }],
          frequency: { type: "once_per_period", window: { type: "calendar", unit: "month" } },
        })
        await orderAt(store, null, { referral: "KIM", quantity: 10 }) // 1,210
        await orderAt(store, null, { referral: "KIM", quantity: 1 }) // 1,340: no second reminder
        expect(await notifications("almost-there")).toEqual([expect.objectContaining({ to: "kim@example.com", data: expect.objectContaining({ goal: 1500 }) })])
        await api.post("/admin/promoters", { name: "Rita", email: "rita@example.com", sponsor_id: kim.id }, admin)
        await orderAt(store, null, { referral: "KIM", quantity: 2 }) // 1,590
        await orderAt(store, null, { referral: "KIM", quantity: 1 }) // no second bonus this month

        // One record per bonus: its ledger entry, with what earned it; the automation module keeps no copy.
        const bonuses = (await dbConnection.raw("select promoter_id, trim_scale(amount)::text as amount, currency_code, note, context->>'rule_id' as rule_id from promoter_commission_entry where kind = 'bonus'")).rows
        expect(bonuses).toEqual([{ promoter_id: kim.id, amount: "50", currency_code: "usd", note: "$1,500 month", rule_id: bonusRule.id }])
        expect((await dbConnection.raw("select count(*)::int as n from promoter_automation_bonus_award")).rows[0].n).toBe(0)
        const after = (await api.get(`/admin/promoters/${kim.id}`, admin)).data.promoter
        expect(after.tier.id).toBe(silver.id)
        const fired = (await runsOf(bonusRule.id)).filter((r: { fired: boolean }) => r.fired)
        expect(fired).toHaveLength(1)
        expect(fired[0].actions.branch).toEqual(expect.objectContaining({ name: "also recruited" }))
        expect(await notifications("almost-there")).toHaveLength(1)

        // A delivery that died after the actions but before noting them: the firing is open again and stale, the next
        // event takes it over and runs the actions again. "next" must not move Kim past Silver, the bonus is not paid twice.
        await api.post("/admin/promoter-tiers", { name: "Gold", rank: 3, commission_rates_bps: [1500] }, admin)
        await dbConnection.raw(
          `update promoter_automation_firing set completed_at = null, actions_done = 0, claimed_at = now() - interval '1 hour' where rule_id = ?`,
          [bonusRule.id]
        )
        await orderAt(store, null, { referral: "KIM", quantity: 1 })
        type Run = { id: string; fired: boolean; actions: { list: { type: string; status: string }[] } }
        const retaken = await eventually(
          async (): Promise<Run[]> => (await runsOf(bonusRule.id)).filter((r: Run) => r.fired),
          (runs) => runs.length === 2
        )
        const again = retaken.find((r) => r.id !== fired[0].id)!
        expect(again.actions.list.map((a) => `${a.type}:${a.status}`)).toEqual(["award_bonus:skipped", "change_tier:skipped"])
        expect((await api.get(`/admin/promoters/${kim.id}`, admin)).data.promoter.tier.id).toBe(silver.id)
        expect((await dbConnection.raw("select count(*)::int as n from promoter_commission_entry where kind = 'bonus'")).rows[0].n).toBe(1)
        const history = (await api.get(`/admin/promoters/${kim.id}/tier-history`, admin)).data
        const ruleChanges = history.tier_history.filter((h: { reason: string }) => h.reason === "rule")
        expect(ruleChanges).toEqual([expect.objectContaining({ from_tier_id: bronze.id, to_tier_id: silver.id })])
      })
    })

    describe("level 4: calculated values from several sources, branching", () => {
      it("autumn $300 and 5+ years → $100 pre-Christmas voucher; then $500 before Christmas in a third consecutive season → 50% for January", async () => {
        const casey = await customerSession(api, store, { email: "casey@example.com" })
        await dbConnection.raw(`update customer set created_at = '2021-01-10T00:00:00Z' where id = ?`, [casey.customerId])
        const voucher = await createRule({
          name: "Autumn loyal",
          outcome: "loyalty",
          subject: "customer",
          trigger: { type: "event", event: "order.placed" },
          conditions: {
            all: [
              { fact: "customer.purchases.sum", params: { window: { type: "season", season: "autumn" } }, operator: "gte", value: { amount: 300, currency_code: "usd" } },
              { fact: "customer.tenure_years", operator: "gt", value: 5 },
            ],
          },
          actions: [{ type: "issue_coupon", discount: "fixed", value: 100, currency_code: "usd", validity: { type: "season", season: "pre_christmas" } }],
          frequency: { type: "once_per_period", window: { type: "season", season: "autumn" } },
        })
        const january = await createRule({
          name: "Christmas regular",
          outcome: "loyalty",
          subject: "customer",
          trigger: { type: "event", event: "order.placed" },
          conditions: {
            all: [
              { fact: "customer.purchases.sum", params: { window: { type: "season", season: "pre_christmas" } }, operator: "gt", value: { amount: 500, currency_code: "usd" } },
              { fact: "customer.consecutive_periods", params: { window: { type: "season", season: "christmas" }, threshold: { amount: 100, currency_code: "usd" } }, operator: "gte", value: 3 },
            ],
          },
          actions: [{ type: "issue_coupon", discount: "percentage", value: 50, validity: { type: "next_period", unit: "month" } }],
          frequency: { type: "once_per_period", window: { type: "season", season: "christmas" } },
        })
        // Christmas seasons of 2025 and 2026, $130 each.
        await orderAt(casey, "2025-12-01T12:00:00.000Z")
        await orderAt(casey, "2026-12-01T12:00:00.000Z")
        // Autumn 2027: $250, then $380 in total → the voucher.
        await orderAt(casey, "2027-09-15T12:00:00.000Z", { quantity: 2 })
        expect((await runsOf(voucher.id)).filter((r: { fired: boolean }) => r.fired)).toHaveLength(0)
        await orderAt(casey, "2027-10-15T12:00:00.000Z")
        const voucherRun = (await runsOf(voucher.id)).find((r: { fired: boolean }) => r.fired)
        expect(voucherRun.trace.children.map((c: { actual: unknown }) => c.actual)).toEqual([{ amount: "380", currency_code: "usd" }, 6])
        expect(voucherRun.actions.list[0].detail).toEqual(
          expect.objectContaining({ value: "100", starts_at: "2027-12-01T00:00:00.000Z", ends_at: "2027-12-25T00:00:00.000Z" })
        )
        // Before Christmas 2027: $610 → third consecutive Christmas season with $100+ → 50% for January.
        await orderAt(casey, "2027-12-10T12:00:00.000Z", { quantity: 5 })
        const janRun = (await runsOf(january.id)).find((r: { fired: boolean }) => r.fired)
        expect(janRun.trace.children.map((c: { actual: unknown }) => c.actual)).toEqual([{ amount: "610", currency_code: "usd" }, 3])
        expect(janRun.actions.list[0].detail).toEqual(
          expect.objectContaining({ value: "50", starts_at: "2028-01-01T00:00:00.000Z", ends_at: "2028-02-01T00:00:00.000Z" })
        )
      })

      it("branches on a calculated fact and computes the coupon value from the customer's spend", async () => {
        const casey = await customerSession(api, store, { email: "casey@example.com" })
        const rule = await createRule({
          name: "Tiered thank-you",
          outcome: "loyalty",
          subject: "customer",
          trigger: { type: "event", event: "order.placed" },
          actions: [],
          branches: [
            {
              name: "big spender",
              when: { fact: "customer.purchases.sum", params: { window: { type: "lifetime" } }, operator: "gte", value: { amount: 500, currency_code: "usd" } },
              actions: [{ type: "issue_coupon", discount: "fixed", currency_code: "usd", value: { fact: "customer.purchases.sum", params: { window: { type: "lifetime" }, currency_code: "usd" }, multiply: 0.1 }, validity: { type: "days", days: 30 } }],
            },
            {
              name: "everyone else",
              when: { fact: "customer.purchases.count", params: { window: { type: "lifetime" } }, operator: "gte", value: 1 },
              actions: [{ type: "send_message", channel: "email", template: "thanks" }],
            },
          ],
        })
        await orderAt(casey, null)
        await orderAt(casey, null, { quantity: 4 })
        const runs = (await runsOf(rule.id)).sort((a: { evaluated_at: string }, b: { evaluated_at: string }) => a.evaluated_at.localeCompare(b.evaluated_at))
        expect(runs.map((r: { actions: { branch: { name: string } } }) => r.actions.branch.name)).toEqual(["everyone else", "big spender"])
        expect(runs[1].actions.list[0].detail.value).toBe("62") // 10 % of $130 + $490
      })
    })

    describe("facts of the store's own", () => {
      it("uses a fact the store registered through the plugin option facts (the demo's customer.email_domain), in conditions and traces", async () => {
        // The demo's medusa-config registers customer.email_domain with its resolver; the vocabulary lists it.
        const facts = (await api.get("/admin/automation-rules/vocabulary", admin)).data.facts as { name: string }[]
        expect(facts.map((f) => f.name)).toContain("customer.email_domain")
        const rule = await createRule({
          name: "Partner domain",
          outcome: "loyalty",
          subject: "customer",
          trigger: { type: "event", event: "order.placed" },
          conditions: { all: [{ fact: "customer.email_domain", operator: "eq", value: "partner.example" }] },
          actions: [{ type: "set_tags", add: ["partner"] }],
        })
        const partner = await customerSession(api, store, { email: "buyer@Partner.Example" })
        const other = await customerSession(api, store, { email: "buyer@elsewhere.example" })
        await orderAt(partner, null)
        await orderAt(other, null)
        const tags = async (id: string) => (await api.get(`/admin/customers/${id}`, admin)).data.customer.metadata?.tags ?? []
        expect(await tags(partner.customerId)).toEqual(["partner"])
        expect(await tags(other.customerId)).toEqual([])
        const runs = (await runsOf(rule.id)) as { subject_id: string; fired: boolean; trace: { children: { fact: string; actual: unknown }[] } }[]
        const bySubject = Object.fromEntries(runs.map((r) => [r.subject_id, r]))
        expect(bySubject[partner.customerId].fired).toBe(true)
        expect(bySubject[other.customerId].fired).toBe(false)
        expect(JSON.stringify(bySubject[other.customerId].trace)).toContain("elsewhere.example")
        // A rule naming a fact nobody registered is still refused when saved.
        const unknown = await attempt(
          api.post("/admin/automation-rules", { definition: { schema_version: 1, name: "x", outcome: "loyalty", subject: "customer", trigger: { type: "event", event: "order.placed" }, conditions: { all: [{ fact: "customer.shoe_size", operator: "eq", value: 42 }] }, actions: [{ type: "set_tags", add: ["a"] }] } }, admin)
        )
        expect(unknown.status).toBe(400)
      })
    })

    describe("dry-run on history", () => {
      it("replays a draft rule on a customer's real orders with traces, and changes nothing", async () => {
        const casey = await customerSession(api, store, { email: "casey@example.com" })
        await orderAt(casey, "2027-07-05T12:00:00.000Z")
        await orderAt(casey, "2027-07-25T12:00:00.000Z")
        await orderAt(casey, "2027-09-01T12:00:00.000Z")
        const promotionsBefore = (await api.get("/admin/promotions", admin)).data.count
        const definition = {
          schema_version: 1,
          name: "Draft: July spenders",
          outcome: "loyalty",
          subject: "customer",
          trigger: { type: "event", event: "order.placed" },
          conditions: { all: [{ fact: "customer.purchases.sum", params: { window: { type: "calendar", unit: "month" } }, operator: "gte", value: { amount: 200, currency_code: "usd" } }] },
          actions: [{ type: "issue_coupon", discount: "percentage", value: 50, validity: { type: "next_period", unit: "month" } }],
          frequency: { type: "once_per_period", window: { type: "calendar", unit: "month" } },
        }
        const res = await api.post(
          "/admin/automation-rules/simulate",
          { definition, subject: { type: "customer", id: casey.customerId }, from: "2027-07-01T00:00:00Z", to: "2027-09-30T00:00:00Z" },
          admin
        )
        const sim = res.data.simulation
        expect(sim.events).toBe(3)
        expect(sim.runs.map((r: { at: string; fired: boolean }) => [r.at.slice(0, 10), r.fired])).toEqual([
          ["2027-07-05", false],
          ["2027-07-25", true],
          ["2027-09-01", false],
        ])
        expect(sim.runs[1].trace.children[0].actual).toEqual({ amount: "260", currency_code: "usd" })
        expect(sim.runs[1].actions).toEqual([expect.objectContaining({ type: "issue_coupon", status: "would_run" })])
        expect((await api.get("/admin/promotions", admin)).data.count).toBe(promotionsBefore)
        const bad = await attempt(api.post("/admin/automation-rules/simulate", { definition, subject: { type: "customer", id: casey.customerId } }, admin))
        expect(bad.status).toBe(400)
      })
    })
  },
})
