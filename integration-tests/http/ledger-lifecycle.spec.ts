// The ledger through an order's whole life, as a dishonest shopper and a busy admin would drive it: returns and the
// refunds that pay them back, in either order and delivered again; cancels after bonuses; cancelled orders in tier
// qualification; tiers re-qualified for older periods; a promoter buying through their own coupon as a guest under a
// +tagged address. Every figure below is computed by hand from the order: kettle $120, shipping $10, no tax (US).
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import path from "node:path"
import { awardBonusWorkflow, type AwardBonusInput } from "../../src/workflows/compensation/award-bonus"
import { checkout, returnFirstItem } from "../helpers/checkout"
import { attempt, eventually } from "../helpers/http"
import { usePluginOptions } from "../helpers/plugin-options"
import approveCommissions from "../../src/jobs/approve-commissions"
import { adminSession, storeSession, type Headers } from "../helpers/session"
import type { StoreFixture } from "../../demo/fixtures/store"
import { COMPENSATION_MODULE } from "../../src/modules/compensation"
import type CompensationModuleService from "../../src/modules/compensation/service"
import { reviewHeldBonuses } from "../../src/workflows/automation/utils/review-bonuses"
import { AUTOMATION_MODULE } from "../../src/modules/automation"
import type AutomationModuleService from "../../src/modules/automation/service"

/** A bonus inside a larger workflow whose next step fails. */
const bonusThenFailure = createWorkflow("test-bonus-then-failure", (input: AwardBonusInput) => {
  awardBonusWorkflow.runAsStep({ input })
  createStep("test-fails-after-the-bonus", async () => {
    throw new Error("a later step failed")
  })()
  return new WorkflowResponse(null)
})

jest.setTimeout(300 * 1000)

// The plugin's clock may be moved here (the jobs stay on: the approval job is run as scheduled).
usePluginOptions({ testing: { clock: true } })

type Entry = { id: string; promoter_id: string; level: number | null; amount: number; kind: string; status: string; order_id: string | null; hold_reason?: string | null; reverses_entry_id: string | null }

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers
    let store: StoreFixture & Headers
    let tree: Record<"top" | "mid" | "kim", { id: string }>
    let bronze: { id: string }

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      store = await storeSession(getContainer())
      bronze = (await api.post("/admin/promoter-tiers", { name: "Bronze", rank: 1, commission_rates_bps: [1000, 500, 300] }, admin)).data.tier
      await api.post("/admin/commission-plan", { max_depth: 3, compression: false }, admin)
      const create = async (name: string, email: string, code: string, sponsor_id?: string) =>
        (await api.post("/admin/promoters", { name, email, referral_code: code, tier_id: bronze.id, sponsor_id }, admin)).data.promoter
      const top = await create("Jane", "jane@example.com", "JANE")
      const mid = await create("Sam", "sam@example.com", "SAM", top.id)
      const kim = await create("Kim Park", "kim.park@example.com", "KIM", mid.id)
      tree = { top, mid, kim }
    })

    const kettle = () => store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId
    const order = (input: { quantity?: number; email?: string; promoCodes?: string[]; referral?: string } = {}) =>
      checkout(api, {
        regionId: store.regions.usd,
        variantId: kettle(),
        shippingOptionId: store.shippingOptionId,
        headers: store.headers,
        quantity: input.quantity,
        email: input.email,
        promoCodes: input.promoCodes,
        cartBody: input.referral === undefined ? { referral_code: "KIM" } : input.referral ? { referral_code: input.referral } : {},
      })
    const entriesOf = async (orderId: string, atLeast = 1): Promise<Entry[]> =>
      (await eventually(
        async () => (await api.get(`/admin/commissions?order_id=${orderId}&limit=100`, admin)).data.commissions as Entry[],
        (e) => e.length >= atLeast,
        15000
      )) as Entry[]
    /** Net per (promoter, level) of the order's commissions: each commission plus every reversal pointing at it. */
    const netOf = async (orderId: string) => {
      const entries = await entriesOf(orderId)
      const out: Record<string, string> = {}
      for (const c of entries.filter((e) => e.kind === "commission")) {
        const name = Object.entries(tree).find(([, p]) => p.id === c.promoter_id)![0]
        const cents = [c, ...entries.filter((r) => r.reverses_entry_id === c.id)].reduce((s, e) => s + Math.round(Number(e.amount) * 100), 0)
        out[`${name}:${c.level}`] = (cents / 100).toFixed(2)
      }
      return out
    }
    const settled = async (orderId: string, expected: Record<string, string>) => {
      const seen = await eventually(() => netOf(orderId), (n) => JSON.stringify(n) === JSON.stringify(expected), 20000)
      expect(seen).toEqual(expected)
    }
    const capture = async (orderId: string) => {
      const full = (await api.get(`/admin/orders/${orderId}?fields=*payment_collections.payments`, admin)).data.order
      const paymentId = full.payment_collections[0].payments[0].id as string
      await api.post(`/admin/payments/${paymentId}/capture`, {}, admin)
      return paymentId
    }
    const returnOne = (orderId: string) => returnFirstItem(api, admin, { orderId, quantity: 1 })
    const redeliver = async (events: { name: string; data: Record<string, unknown> }[]) => {
      const bus = getContainer().resolve(Modules.EVENT_BUS)
      await Promise.all([...events, ...events].map((e) => bus.emit(e)))
      await new Promise((r) => setTimeout(r, 1500))
    }
    const bonusRule = () =>
      api.post(
        "/admin/automation-rules",
        {
          definition: {
            schema_version: 1,
            name: "1500 club",
            outcome: "sales",
            subject: "promoter",
            trigger: { type: "event", event: "promoter.order_attributed" },
            conditions: { all: [{ fact: "promoter.sales.sum", params: { window: { type: "calendar", unit: "month" } }, operator: "gte", value: { amount: 1500, currency_code: "usd" } }] },
            actions: [{ type: "award_bonus", amount: 50, currency_code: "usd", note: "$1,500 month" }],
            frequency: { type: "once_per_period", window: { type: "calendar", unit: "month" } },
          },
          status: "active",
        },
        admin
      )
    const bonusOf = async (orderId: string) =>
      (await eventually(async () => (await entriesOf(orderId)).filter((e) => e.kind === "bonus"), (b) => b.length === 1, 20000))[0]
    // Two kettles: base $240. Bronze 10 / 5 / 3 %: 24 / 12 / 7.20. One kettle back: 12 / 6 / 3.60.
    const full = { "kim:1": "24.00", "mid:2": "12.00", "top:3": "7.20" }
    const half = { "kim:1": "12.00", "mid:2": "6.00", "top:3": "3.60" }

    it("a bonus whose workflow fails later is taken back, but a bonus an earlier run wrote is never undone by a redelivery's failure", async () => {
      const input = (key: string): AwardBonusInput => ({
        unique_key: key,
        promoter_id: "prom_bonus_rollback",
        amount: "12.34",
        currency_code: "usd",
        note: null,
        order_id: null,
        hold_until: new Date(Date.now() + 86_400_000),
        context: { rule_id: "arule_x", rule_version: 1, definition: null, event: null },
      })
      const bonuses = async (key: string) =>
        (await dbConnection.raw("select trim_scale(amount)::text as amount from promoter_commission_entry where source_key = ? and deleted_at is null", [`bonus:${key}`])).rows
      const failed = await bonusThenFailure(getContainer()).run({ input: input("k-rollback"), throwOnError: false })
      expect(failed.errors.map((e: { error: { message: string } }) => e.error.message)).toEqual(["a later step failed"])
      expect(await bonuses("k-rollback")).toEqual([])

      await awardBonusWorkflow(getContainer()).run({ input: input("k-kept") })
      expect(await bonuses("k-kept")).toEqual([{ amount: "12.34" }])
      await bonusThenFailure(getContainer()).run({ input: input("k-kept"), throwOnError: false })
      expect(await bonuses("k-kept")).toEqual([{ amount: "12.34" }])
    })

    it("a return and the refund that pays it back take back once, in either order, however often delivered", async () => {
      const returnedFirst = await order({ quantity: 2 })
      await settled(returnedFirst.id, full)
      const paymentA = await capture(returnedFirst.id)
      const returnA = await returnOne(returnedFirst.id)
      await settled(returnedFirst.id, half)
      await api.post(`/admin/payments/${paymentA}/refund`, { amount: 120 }, admin)
      await new Promise((r) => setTimeout(r, 1500))
      await settled(returnedFirst.id, half)

      const refundedFirst = await order({ quantity: 2 })
      await settled(refundedFirst.id, full)
      const paymentB = await capture(refundedFirst.id)
      // $120 of $250 paid (shipping included): 48 % of the base, $115.20, taken back until the kettle comes back.
      await api.post(`/admin/payments/${paymentB}/refund`, { amount: 120 }, admin)
      await settled(refundedFirst.id, { "kim:1": "12.48", "mid:2": "6.24", "top:3": "3.74" })
      await returnOne(refundedFirst.id)
      await settled(refundedFirst.id, half)

      await redeliver([
        { name: "order.return_received", data: { order_id: returnedFirst.id, return_id: returnA } },
        { name: "payment.refunded", data: { id: paymentA } },
        { name: "payment.refunded", data: { id: paymentB } },
      ])
      await settled(returnedFirst.id, half)
      await settled(refundedFirst.id, half)
      // Volume for tiers and sales facts is what is left: one kettle each.
      const volumes = (await dbConnection.raw("select order_id, volume::text from promoter_order_attribution where order_id = any(?)", [[returnedFirst.id, refundedFirst.id]])).rows
      expect(volumes.map((v: { volume: string }) => Number(v.volume))).toEqual([120, 120])
    })

    it("an order is settled on the base its commissions were written on: a later plan change moves nothing", async () => {
      // Placed under the items plan: base $120. Then the plan adds shipping; half of the $130 paid comes back.
      const itemsOnly = await order()
      await settled(itemsOnly.id, { "kim:1": "12.00", "mid:2": "6.00", "top:3": "3.60" })
      await api.post("/admin/commission-plan", { base: "items_after_discounts_with_shipping" }, admin)
      const paymentA = await capture(itemsOnly.id)
      await api.post(`/admin/payments/${paymentA}/refund`, { amount: 65 }, admin)
      // 65 / 130 of the $120 it was paid on: $60 left.
      await settled(itemsOnly.id, { "kim:1": "6.00", "mid:2": "3.00", "top:3": "1.80" })
      // Placed under the shipping plan: base $130; the same refund leaves $65. The plan goes back to items only.
      const withShipping = await order()
      await settled(withShipping.id, { "kim:1": "13.00", "mid:2": "6.50", "top:3": "3.90" })
      await api.post("/admin/commission-plan", { base: "items_after_discounts" }, admin)
      const paymentB = await capture(withShipping.id)
      await api.post(`/admin/payments/${paymentB}/refund`, { amount: 65 }, admin)
      await settled(withShipping.id, { "kim:1": "6.50", "mid:2": "3.25", "top:3": "1.95" })
      await redeliver([
        { name: "payment.refunded", data: { id: paymentA } },
        { name: "payment.refunded", data: { id: paymentB } },
      ])
      await settled(itemsOnly.id, { "kim:1": "6.00", "mid:2": "3.00", "top:3": "1.80" })
      await settled(withShipping.id, { "kim:1": "6.50", "mid:2": "3.25", "top:3": "1.95" })
      // Volume is items only, whatever the plan: $60 left of each.
      const volumes = (await dbConnection.raw("select volume::text from promoter_order_attribution where order_id = any(?) order by volume", [[itemsOnly.id, withShipping.id]])).rows
      expect(volumes.map((v: { volume: string }) => Number(v.volume))).toEqual([60, 60])
      expect((await api.get("/admin/commissions/reconcile", admin)).data.differences).toEqual([])
    })

    it("a free-shipping promotion does not lower the items' base: commissions and volume count the items after their own discounts", async () => {
      await api.post(
        "/admin/promotions",
        {
          code: "FREESHIP",
          type: "standard",
          status: "active",
          application_method: { type: "percentage", target_type: "shipping_methods", allocation: "each", value: 100, max_quantity: 1 },
        },
        admin
      )
      const placed = await order({ promoCodes: ["FREESHIP"] })
      // Shipping was free: the shopper paid $120, the items' base is $120 (Medusa's order discount_subtotal, $10, is
      // the shipping's discount, not the items').
      expect(Number(placed.total)).toBe(120)
      await settled(placed.id, { "kim:1": "12.00", "mid:2": "6.00", "top:3": "3.60" })
      const [row] = (await dbConnection.raw("select volume::text, placed_volume::text from promoter_order_attribution where order_id = ?", [placed.id])).rows
      expect([Number(row.volume), Number(row.placed_volume)]).toEqual([120, 120])
      // Half of what was paid comes back: half of the base.
      await api.post(`/admin/payments/${await capture(placed.id)}/refund`, { amount: 60 }, admin)
      await settled(placed.id, { "kim:1": "6.00", "mid:2": "3.00", "top:3": "1.80" })
      expect((await api.get("/admin/commissions/reconcile", admin)).data.differences).toEqual([])
    })

    it("cancelled orders count no volume in tier qualification; volume is the commission base, not the order total", async () => {
      const silver = (
        await api.post("/admin/promoter-tiers", { name: "Silver", rank: 2, commission_rates_bps: [1200], qualification: { personal_volume: { amount: 200, currency_code: "usd" } } }, admin)
      ).data.tier
      const a = await order()
      const b = await order()
      await settled(a.id, { "kim:1": "12.00", "mid:2": "6.00", "top:3": "3.60" })
      await settled(b.id, { "kim:1": "12.00", "mid:2": "6.00", "top:3": "3.60" })
      await api.post(`/admin/orders/${a.id}/cancel`, {}, admin)
      await api.post(`/admin/orders/${b.id}/cancel`, {}, admin)
      await settled(a.id, { "kim:1": "0.00", "mid:2": "0.00", "top:3": "0.00" })
      await settled(b.id, { "kim:1": "0.00", "mid:2": "0.00", "top:3": "0.00" })
      const period = new Date().toISOString().slice(0, 7)
      const results = (await api.post("/admin/tier-qualification", { period, promoter_ids: [tree.kim.id] }, admin)).data.results
      expect(results[0]).toEqual(expect.objectContaining({ from: bronze.id, to: bronze.id, figures: { personal_volume: { usd: "0" }, group_volume: {}, active_recruits: 0 } }))
      expect((await api.get(`/admin/promoters/${tree.kim.id}`, admin)).data.promoter.tier.id).toBe(bronze.id)
      // One order that stands: $120 of items (the $130 total includes shipping).
      await settled((await order()).id, { "kim:1": "12.00", "mid:2": "6.00", "top:3": "3.60" })
      const again = (await api.post("/admin/tier-qualification", { period, promoter_ids: [tree.kim.id] }, admin)).data.results
      expect(again[0].figures.personal_volume).toEqual({ usd: "120" })
      void silver
    })

    it("a bonus is held like a commission and taken back when the order that earned it is cancelled", async () => {
      await bonusRule()
      const big = await order({ quantity: 13 }) // $1,560 of items + $10 shipping = $1,570
      const bonus = await bonusOf(big.id)
      expect(bonus).toEqual(expect.objectContaining({ promoter_id: tree.kim.id, status: "pending", order_id: big.id }))
      expect(Number(bonus.amount)).toBe(50)
      // Its hold is the plan's, like a commission's: the approval job leaves it until then.
      await getContainer().resolve<CompensationModuleService>(COMPENSATION_MODULE).approveDue({ now: new Date() })
      expect((await entriesOf(big.id)).find((e) => e.id === bonus.id)!.status).toBe("pending")

      await api.post(`/admin/orders/${big.id}/cancel`, {}, admin)
      const taken = await eventually(async () => (await entriesOf(big.id)).filter((e) => e.reverses_entry_id === bonus.id), (r) => r.length === 1, 20000)
      expect(taken.map((r) => Number(r.amount))).toEqual([-50])
      await redeliver([{ name: "order.canceled", data: { id: big.id } }])
      const balances = (await api.get(`/admin/commission-balances?promoter_id=${tree.kim.id}`, admin)).data.balances
      expect(balances.map((b: { pending: string; approved: string }) => [b.pending, b.approved])).toEqual([["0", "0"]])
    })

    it("at the end of its hold a bonus is evaluated again on its period's figures as they stand now: kept, or withdrawn", async () => {
      await bonusRule()
      const returned = await order({ quantity: 13 }) // KIM: $1,570
      const kept = await order({ quantity: 13, referral: "SAM" }) // SAM: $1,570
      const withdrawnBonus = await bonusOf(returned.id)
      const keptBonus = await bonusOf(kept.id)
      expect([withdrawnBonus.promoter_id, keptBonus.promoter_id]).toEqual([tree.kim.id, tree.mid.id])
      // Two kettles of KIM's thirteen come back: $1,328.46 of sales left this month, under the $1,500.
      await returnFirstItem(api, admin, { orderId: returned.id, quantity: 2 })
      await eventually(
        async () => (await dbConnection.raw("select volume::text from promoter_order_attribution where order_id = ?", [returned.id])).rows[0].volume,
        (v: string) => Number(v) === 1320
      )
      // The end of their hold (the plan's 30 days), on the clock the review and the approval read.
      const now = new Date(Date.now() + 31 * 86_400_000)
      expect(await reviewHeldBonuses(getContainer(), { now })).toEqual({ kept: 1, withdrawn: 1, failed: 0 })
      await getContainer().resolve<CompensationModuleService>(COMPENSATION_MODULE).approveDue({ now })
      const status = async (id: string, orderId: string) => (await entriesOf(orderId)).find((e) => e.id === id)!.status
      expect(await status(withdrawnBonus.id, returned.id)).toBe("rejected")
      expect(await status(keptBonus.id, kept.id)).toBe("approved")
      // Once decided, a bonus is not reviewed again.
      expect(await reviewHeldBonuses(getContainer(), { now })).toEqual({ kept: 0, withdrawn: 0, failed: 0 })
    })

    it("a bonus is reviewed on the rule as it was when it was earned, with the event that triggered it, and its branch", async () => {
      // Version 1: $50 for a $1,500 month, for orders in dollars (an event fact: the attribution event's currency), in a branch.
      const definition = (threshold: number) => ({
        schema_version: 1,
        name: "Big order club",
        outcome: "sales",
        subject: "promoter",
        trigger: { type: "event", event: "promoter.order_attributed" },
        conditions: { all: [{ fact: "event", params: { path: "currency_code" }, operator: "eq", value: "usd" }] },
        branches: [
          {
            when: { all: [{ fact: "promoter.sales.sum", params: { window: { type: "calendar", unit: "month" } }, operator: "gte", value: { amount: threshold, currency_code: "usd" } }] },
            actions: [{ type: "award_bonus", amount: 50, currency_code: "usd", note: "big month" }],
          },
        ],
        actions: [{ type: "set_tags", add: ["big-order"] }],
        frequency: { type: "once_per_period", window: { type: "calendar", unit: "month" } },
      })
      const created = await attempt(api.post("/admin/automation-rules", { definition: definition(1500), status: "active" }, admin))
      expect([created.status, created.data?.message]).toEqual([201, undefined])
      const rule = created.data.automation_rule
      const first = await order({ quantity: 13 }) // KIM: $1,570 in one order
      const samBig = await order({ quantity: 13, referral: "SAM" }) // SAM: $1,570 in one order
      const kimBonus = await bonusOf(first.id)
      const samBonus = await bonusOf(samBig.id)
      // The admin raises the bar afterwards: what was earned under version 1 stays earned.
      await api.post(`/admin/automation-rules/${rule.id}`, { definition: definition(5000) }, admin)
      // SAM's sales drop under $1,500 by a return; the event fact is read from the event that triggered the bonus
      // (without it the rule would not match at all), so the review sees that the bonus's branch no longer holds.
      await returnFirstItem(api, admin, { orderId: samBig.id, quantity: 2 })
      await eventually(
        async () => (await dbConnection.raw("select volume::text from promoter_order_attribution where order_id = ?", [samBig.id])).rows[0].volume,
        (v: string) => Number(v) === 1320
      )
      const now = new Date(Date.now() + 31 * 86_400_000)
      expect(await reviewHeldBonuses(getContainer(), { now })).toEqual({ kept: 1, withdrawn: 1, failed: 0 })
      const status = async (id: string, orderId: string) => (await entriesOf(orderId)).find((e) => e.id === id)!.status
      expect(await status(kimBonus.id, first.id)).toBe("pending")
      expect(await status(samBonus.id, samBig.id)).toBe("rejected")
    })

    it("an older period never overwrites a newer qualification, a re-run is idempotent, and losing a tier lands on the one held before", async () => {
      // Bronze (by hand) < Gold (by hand) < Silver (earned at $100 of personal volume).
      const gold = (await api.post("/admin/promoter-tiers", { name: "Gold", rank: 2, commission_rates_bps: [1500] }, admin)).data.tier
      const silver = (
        await api.post("/admin/promoter-tiers", { name: "Silver", rank: 3, commission_rates_bps: [1200], qualification: { personal_volume: { amount: 100, currency_code: "usd" } } }, admin)
      ).data.tier
      const placed = await order()
      await settled(placed.id, { "kim:1": "12.00", "mid:2": "6.00", "top:3": "3.60" })
      const now = new Date()
      const period = now.toISOString().slice(0, 7)
      const older = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 7)
      const qualify = async (p: string) => (await api.post("/admin/tier-qualification", { period: p, promoter_ids: [tree.kim.id] }, admin)).data.results[0]
      const tierOfKim = async () => (await api.get(`/admin/promoters/${tree.kim.id}`, admin)).data.promoter.tier.id

      expect(await qualify(period)).toEqual(expect.objectContaining({ from: bronze.id, to: silver.id }))
      expect(await tierOfKim()).toBe(silver.id)
      // A month that has not begun is refused: it would block every later qualification until then.
      const future = await attempt(api.post("/admin/tier-qualification", { period: "2099-01", promoter_ids: [tree.kim.id] }, admin))
      expect(future.status).toBe(400)
      expect(JSON.stringify(future.data)).toContain("period")
      // An older period (no sales in it): refused for Kim, who has a newer result; never Gold, a tier never held.
      expect(await qualify(older)).toEqual(expect.objectContaining({ to: silver.id, skipped: "a newer period was qualified" }))
      expect(await tierOfKim()).toBe(silver.id)
      // The same period again: the same result, no second change in the history.
      expect(await qualify(period)).toEqual(expect.objectContaining({ from: silver.id, to: silver.id }))
      const history = (await api.get(`/admin/promoters/${tree.kim.id}/tier-history`, admin)).data.tier_history
      expect(history.filter((h: { reason: string }) => h.reason === "qualification")).toHaveLength(1)
      // The sale is cancelled and the period re-run: Kim falls back to Bronze, the tier held before, not Gold.
      await api.post(`/admin/orders/${placed.id}/cancel`, {}, admin)
      await settled(placed.id, { "kim:1": "0.00", "mid:2": "0.00", "top:3": "0.00" })
      expect(await qualify(period)).toEqual(expect.objectContaining({ from: silver.id, to: bronze.id }))
      expect(await tierOfKim()).toBe(bronze.id)
      void gold
    })

    it("a promoter buying with their own coupon as a guest under a +tagged address is caught, and held for an admin", async () => {
      await eventually(async () => (await api.get(`/admin/promoters/${tree.kim.id}/coupons`, admin)).data.coupons, (c: unknown[]) => c.length === 1)
      const own = await order({ promoCodes: ["KIM10"], email: "Kim.Park+shop@Example.com", referral: "" })
      const attribution = await eventually(
        async () => (await attempt(api.get(`/admin/orders/${own.id}/promoter-attribution`, admin))).data?.attribution ?? null,
        (a: { promoter_id?: string } | null) => !!a?.promoter_id
      )
      expect(attribution).toEqual(expect.objectContaining({ promoter_id: tree.kim.id, decided_by: "coupon", self_referral: true }))
      // 10 % off: $108 of items. Written, but held for review at every level.
      const entries = await eventually(() => entriesOf(own.id, 3), (e) => e.length === 3)
      expect(entries.map((e) => [Number(e.amount), e.status, e.hold_reason])).toEqual([
        [10.8, "pending", "self_referral"],
        [5.4, "pending", "self_referral"],
        [3.24, "pending", "self_referral"],
      ])
      // Past their hold the approval job still leaves them: only an admin decides.
      await dbConnection.raw("update promoter_commission_entry set hold_until = now() - interval '1 day' where order_id = ?", [own.id])
      await getContainer().resolve<CompensationModuleService>(COMPENSATION_MODULE).approveDue({ now: new Date() })
      expect((await entriesOf(own.id)).map((e) => e.status)).toEqual(["pending", "pending", "pending"])
      const listed = (await api.get(`/admin/commissions?status=pending&promoter_id=${tree.kim.id}`, admin)).data.commissions
      expect(listed.map((e: Entry) => e.hold_reason)).toEqual(["self_referral"])
      await api.post(`/admin/commissions/${entries[0].id}/reject`, {}, admin)
      expect((await entriesOf(own.id)).find((e) => e.id === entries[0].id)!.status).toBe("rejected")

      // A stranger's order by the same coupon is paid as usual, and approved when its hold ends.
      const fair = await order({ promoCodes: ["KIM10"], email: "someone@example.com", referral: "" })
      const fairEntries = await entriesOf(fair.id, 3)
      expect(fairEntries.map((e) => e.hold_reason ?? null)).toEqual([null, null, null])
      await dbConnection.raw("update promoter_commission_entry set hold_until = now() - interval '1 day' where order_id = ?", [fair.id])
      await getContainer().resolve<CompensationModuleService>(COMPENSATION_MODULE).approveDue({ now: new Date() })
      expect((await entriesOf(fair.id)).map((e) => e.status)).toEqual(["approved", "approved", "approved"])
    })

    it("the reconciliation report is empty on a healthy store and names every corrupted row with its cause", async () => {
      const kept = await order({ quantity: 2 })
      await settled(kept.id, full)
      await capture(kept.id)
      await returnOne(kept.id)
      await settled(kept.id, half)
      const cancelled = await order()
      await settled(cancelled.id, { "kim:1": "12.00", "mid:2": "6.00", "top:3": "3.60" })
      await api.post(`/admin/orders/${cancelled.id}/cancel`, {}, admin)
      await settled(cancelled.id, { "kim:1": "0.00", "mid:2": "0.00", "top:3": "0.00" })
      const paid = await order()
      await settled(paid.id, { "kim:1": "12.00", "mid:2": "6.00", "top:3": "3.60" })
      await dbConnection.raw("update promoter_commission_entry set status = 'approved' where order_id = ?", [paid.id])
      const payout = (await api.post("/admin/payouts", { currency_code: "usd", minimum: "0.01" }, admin)).data.payout
      await api.post(`/admin/payouts/${payout.id}/mark-paid`, { reference: "bank-1" }, admin)

      const reconcile = async () => (await api.get("/admin/commissions/reconcile", admin)).data
      const healthy = await reconcile()
      expect(healthy.orders_checked).toBe(3)
      expect(healthy.differences).toEqual([])

      // Corruptions a bug (or a hand in the database) could leave: a lost settlement reversal, a paid entry taken
      // out of its payout, a volume that no longer matches the order.
      const [lost] = (await dbConnection.raw("select id, reverses_entry_id from promoter_commission_entry where order_id = ? and kind = 'reversal' and level = 1", [kept.id])).rows
      await dbConnection.raw("update promoter_commission_entry set deleted_at = now() where id = ?", [lost.id])
      const [moved] = (await dbConnection.raw("select id from promoter_commission_entry where order_id = ? and level = 2", [paid.id])).rows
      await dbConnection.raw("update promoter_commission_entry set payout_id = null where id = ?", [moved.id])
      await dbConnection.raw("update promoter_order_attribution set volume = 240 where order_id = ?", [cancelled.id])
      const report = await reconcile()
      expect(report.differences).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ cause: "commission_not_settled", order_id: kept.id, entry_id: lost.reverses_entry_id, level: 1, expected: "12", actual: "24" }),
          expect.objectContaining({ cause: "volume_differs", order_id: cancelled.id, expected: "0", actual: "240" }),
          expect.objectContaining({ cause: "payout_lines_differ", payout_id: payout.id, expected: "21.6", actual: "15.6" }),
          expect.objectContaining({ cause: "paid_outside_paid_payout", entry_id: moved.id, actual: "none" }),
        ])
      )
      expect(report.differences).toHaveLength(4)
      // Bad ranges get a 400 and read nothing.
      expect((await attempt(api.get("/admin/commissions/reconcile?from=2026-12-01&to=2026-01-01", admin))).status).toBe(400)
      expect((await attempt(api.get("/admin/commissions/reconcile?from=-271821-04-20T00:00:00.000Z", admin))).status).toBe(400)
      expect((await attempt(api.get("/admin/commissions/reconcile?foo=1", admin))).status).toBe(400)
    })

    it("holds and approvals read the plugin's one clock: a hold ends when the clock says so", async () => {
      const DAY = 86_400_000
      const start = new Date(Date.now() + 3 * DAY)
      try {
        await api.post("/admin/automation/clock", { now: start.toISOString() }, admin)
        const placed = await order()
        const entries = await entriesOf(placed.id, 3)
        // The plan's 30-day hold, counted from the clock's "now", not the machine's.
        for (const e of entries as (Entry & { hold_until: string })[]) {
          expect(Math.abs(new Date(e.hold_until).getTime() - (start.getTime() + 30 * DAY))).toBeLessThan(60_000)
        }
        const automation = getContainer().resolve<AutomationModuleService>(AUTOMATION_MODULE)
        await api.post("/admin/automation/clock", { now: new Date(start.getTime() + 29 * DAY).toISOString() }, admin)
        await getContainer().resolve<CompensationModuleService>(COMPENSATION_MODULE).approveDue({ now: automation.now() })
        expect((await entriesOf(placed.id)).map((e) => e.status)).toEqual(["pending", "pending", "pending"])
        // The job as the scheduler runs it (once per minute slot; should the real scheduler take this minute's slot
        // first, it approves on the same clock).
        await api.post("/admin/automation/clock", { now: new Date(start.getTime() + 30 * DAY + 120_000).toISOString() }, admin)
        await approveCommissions(getContainer())
        const approved = await eventually(async () => (await entriesOf(placed.id)).map((e) => e.status), (s) => s.every((x) => x === "approved"), 15000)
        expect(approved).toEqual(["approved", "approved", "approved"])
      } finally {
        await api.post("/admin/automation/clock", { now: null }, admin)
      }
    })
  },
})
