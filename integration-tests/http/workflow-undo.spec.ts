// The side effects of payouts, decisions and rule actions run as workflows: each tells the store what it did (events)
// and each step undoes what it wrote when a later step fails. A later step is made to fail by running the real
// workflow as a step of a test workflow whose next step throws; everything else is the real server and database.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, WorkflowResponse, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import path from "node:path"
import { ledgerEntry } from "../helpers/ledger"
import { adminSession, type Headers } from "../helpers/session"
import { eventually } from "../helpers/http"
import approveCommissions from "../../src/jobs/approve-commissions"
import { COMPENSATION_MODULE } from "../../src/modules/compensation"
import type CompensationModuleService from "../../src/modules/compensation/service"
import { AUTOMATION_MODULE } from "../../src/modules/automation"
import type AutomationModuleService from "../../src/modules/automation/service"
// The workflow files themselves: the index also defines the plugin's module links, which the server defines again.
import { createPromoterPayoutWorkflow, markPromoterPayoutPaidWorkflow } from "../../src/workflows/compensation/promoter-payouts"
import { decidePromoterCommissionWorkflow } from "../../src/workflows/compensation/decide-promoter-commission"
import { ruleIssueCouponWorkflow } from "../../src/workflows/automation/rule-issue-coupon"
import { ruleScheduleActionsWorkflow } from "../../src/workflows/automation/rule-schedule-actions"

jest.setTimeout(300 * 1000)

const failLater = createStep("test-a-later-step-fails", async () => {
  throw new Error("a later step failed")
})
const thenFail = <I,>(name: string, run: (input: WorkflowData<I>) => unknown) =>
  createWorkflow(name, (input: WorkflowData<I>) => {
    run(input)
    failLater()
    return new WorkflowResponse(null)
  })
const payoutThenFail = thenFail("test-payout-then-fail", (input: { currency_code: string; minimum?: string }) =>
  createPromoterPayoutWorkflow.runAsStep({ input })
)
const paidThenFail = thenFail("test-paid-then-fail", (input: { id: string; reference: string | null; now: Date }) =>
  markPromoterPayoutPaidWorkflow.runAsStep({ input })
)
const decideThenFail = thenFail("test-decide-then-fail", (input: { id: string; status: "approved" | "rejected" }) =>
  decidePromoterCommissionWorkflow.runAsStep({ input })
)
type Scheduled = Parameters<typeof ruleScheduleActionsWorkflow.runAsStep>[0]["input"]
const scheduleThenFail = thenFail("test-schedule-then-fail", (input: Scheduled) => ruleScheduleActionsWorkflow.runAsStep({ input }))
type Coupon = Parameters<typeof ruleIssueCouponWorkflow.runAsStep>[0]["input"]
const couponThenFail = thenFail("test-coupon-then-fail", (input: Coupon) => ruleIssueCouponWorkflow.runAsStep({ input }))

/** A workflow rejects with its step's error as it was recorded (a plain object with the message). */
const laterStepFailed = { message: "a later step failed" }

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer }) => {
    let admin: Headers
    let promoter: { id: string }
    const events: { name: string; data: Record<string, unknown> }[] = []
    const compensation = () => getContainer().resolve<CompensationModuleService>(COMPENSATION_MODULE)
    const entry = async (id: string) => (await api.get(`/admin/commissions?promoter_id=${promoter.id}&limit=100`, admin)).data.commissions.find((c: { id: string }) => c.id === id)

    beforeAll(() => {
      const bus = getContainer().resolve(Modules.EVENT_BUS)
      for (const name of ["promoter.payout_created", "promoter.payout_paid", "promoter.commission_approved", "promoter.commission_rejected"]) {
        bus.subscribe(name, async (event) => {
          events.push({ name, data: event.data as Record<string, unknown> })
        })
      }
    })

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      promoter = (await api.post("/admin/promoters", { name: "Undo", email: "undo@example.com", referral_code: "UNDO" }, admin)).data.promoter
      events.length = 0
    })

    it("a payout made and paid through the API tells the store; both undo themselves when a later step fails", async () => {
      const [a, b] = await compensation().writeEntries([
        ledgerEntry({ promoter_id: promoter.id, amount: "12.34", status: "approved" }),
        ledgerEntry({ promoter_id: promoter.id, amount: "0.66", status: "approved" }),
      ])

      // A later step fails: the batch is undone, its entries are approved and free again, no event.
      await expect(payoutThenFail(getContainer()).run({ input: { currency_code: "EUR", minimum: "0" } })).rejects.toMatchObject(laterStepFailed)
      expect((await api.get("/admin/payouts", admin)).data.payouts).toHaveLength(0)
      for (const id of [a.id, b.id]) expect(await entry(id)).toEqual(expect.objectContaining({ status: "approved", payout_id: null }))

      const payout = (await api.post("/admin/payouts", { currency_code: "eur", minimum: "0" }, admin)).data.payout
      expect(payout).toEqual(expect.objectContaining({ status: "draft", currency_code: "eur" }))
      expect(await entry(a.id)).toEqual(expect.objectContaining({ payout_id: payout.id }))

      await expect(paidThenFail(getContainer()).run({ input: { id: payout.id, reference: "bank-1", now: new Date() } })).rejects.toMatchObject(laterStepFailed)
      expect((await api.get("/admin/payouts", admin)).data.payouts[0]).toEqual(expect.objectContaining({ id: payout.id, status: "draft", reference: null, paid_at: null }))
      for (const id of [a.id, b.id]) expect(await entry(id)).toEqual(expect.objectContaining({ status: "approved", payout_id: payout.id }))

      await api.post(`/admin/payouts/${payout.id}/mark-paid`, { reference: "bank-2" }, admin)
      for (const id of [a.id, b.id]) expect(await entry(id)).toEqual(expect.objectContaining({ status: "paid" }))
      const told = await eventually(
        async () => events.filter((e) => e.name.startsWith("promoter.payout_")),
        (e) => e.length >= 2
      )
      expect(told).toEqual([
        { name: "promoter.payout_created", data: { id: payout.id, currency_code: "eur", total: "13", reference: null, promoter_ids: [promoter.id] } },
        { name: "promoter.payout_paid", data: { id: payout.id, currency_code: "eur", total: "13", reference: "bank-2", promoter_ids: [promoter.id] } },
      ])
    })

    it("a decision tells the store and is taken back, with the hold it had, when a later step fails; a second decision is refused", async () => {
      const [held, due, rejected] = await compensation().writeEntries([
        ledgerEntry({ promoter_id: promoter.id, amount: "5.00", hold_reason: "review" }),
        ledgerEntry({ promoter_id: promoter.id, amount: "7.50", hold_until: new Date(Date.now() - 60_000) }),
        ledgerEntry({ promoter_id: promoter.id, amount: "1.25" }),
      ])
      const [reversal] = await compensation().writeEntries([
        ledgerEntry({ promoter_id: promoter.id, kind: "reversal", amount: "-1.00", reverses_entry_id: held.id, hold_reason: "review" }),
      ])

      await expect(decideThenFail(getContainer()).run({ input: { id: held.id, status: "approved" } })).rejects.toMatchObject(laterStepFailed)
      for (const id of [held.id, reversal.id]) expect(await entry(id)).toEqual(expect.objectContaining({ status: "pending", hold_reason: "review" }))

      expect((await api.post(`/admin/commissions/${held.id}/approve`, {}, admin)).data.commission).toEqual(expect.objectContaining({ status: "approved", hold_reason: null }))
      expect(await entry(reversal.id)).toEqual(expect.objectContaining({ status: "approved" }))
      const again = await api.post(`/admin/commissions/${held.id}/reject`, {}, admin).catch((e: { response: unknown }) => e.response as { status: number; data: { message: string } })
      expect(again.status).toBe(400)
      expect(again.data.message).toBe("Only pending entries can be rejected; this one is approved")
      expect(await entry(held.id)).toEqual(expect.objectContaining({ status: "approved" }))

      await api.post(`/admin/commissions/${rejected.id}/reject`, {}, admin)
      await approveCommissions(getContainer())
      expect(await entry(due.id)).toEqual(expect.objectContaining({ status: "approved" }))

      const told = await eventually(async () => events, (e) => e.length >= 3)
      const about = (id: string) => told.filter((e) => e.data.id === id).map((e) => e.name)
      expect(about(held.id)).toEqual(["promoter.commission_approved"])
      expect(about(reversal.id)).toEqual(["promoter.commission_approved"])
      expect(about(rejected.id)).toEqual(["promoter.commission_rejected"])
      expect(about(due.id)).toEqual(["promoter.commission_approved"])
      expect(told.find((e) => e.data.id === due.id)!.data).toEqual({
        id: due.id, kind: "commission", promoter_id: promoter.id, order_id: null, amount: "7.5", currency_code: "eur",
      })
    })

    it("a rule's delayed actions and coupon are written once per key and removed when a later step fails", async () => {
      const automation = getContainer().resolve<AutomationModuleService>(AUTOMATION_MODULE)
      const delayed = (key: string) =>
        [0, 1, 2].map((i) => ({
          rule_id: "arule_undo",
          subject_type: "promoter" as const,
          subject_id: promoter.id,
          action: { type: "send_message", channel: "email", template: `t${i}` },
          context: { run_key: `${key}:${i}`, chain_depth: 0, exposure_id: null },
          run_at: new Date(Date.now() + 86_400_000),
          unique_key: `${key}:${i}`,
        }))
      const scheduled = async (key: string) => (await automation.listAutomationScheduledActions({ unique_key: [0, 1, 2].map((i) => `${key}:${i}`) })).length

      await expect(scheduleThenFail(getContainer()).run({ input: delayed("undo-a") })).rejects.toMatchObject(laterStepFailed)
      expect(await scheduled("undo-a")).toBe(0)
      expect((await ruleScheduleActionsWorkflow(getContainer()).run({ input: delayed("undo-b") })).result).toBe(3)
      // The redelivery writes none, and its failure removes none of the first delivery's.
      await expect(scheduleThenFail(getContainer()).run({ input: delayed("undo-b") })).rejects.toMatchObject(laterStepFailed)
      expect((await ruleScheduleActionsWorkflow(getContainer()).run({ input: delayed("undo-b") })).result).toBe(0)
      expect(await scheduled("undo-b")).toBe(3)

      const coupon = (key: string, code: string): Coupon => ({
        campaign_identifier: `automation-${key}`,
        promotion: {
          code,
          type: "standard",
          status: "active",
          is_automatic: false,
          application_method: { type: "percentage", target_type: "order", allocation: "across", value: 10 },
          campaign: { name: `Undo ${code}`, campaign_identifier: `automation-${key}`, starts_at: new Date(), ends_at: new Date(Date.now() + 86_400_000) },
        },
      })
      const promotions = getContainer().resolve(Modules.PROMOTION)
      await expect(couponThenFail(getContainer()).run({ input: coupon("undo-c", "UNDOC1") })).rejects.toMatchObject(laterStepFailed)
      expect(await promotions.listPromotions({ code: ["UNDOC1"] })).toHaveLength(0)
      const first = (await ruleIssueCouponWorkflow(getContainer()).run({ input: coupon("undo-d", "UNDOD1") })).result
      expect(first).toEqual({ issued: true, promotion_id: expect.any(String) })
      const second = (await ruleIssueCouponWorkflow(getContainer()).run({ input: coupon("undo-d", "UNDOD2") })).result
      expect(second).toEqual({ issued: false, promotion_id: first.promotion_id })
      expect(await promotions.listPromotions({ code: ["UNDOD1", "UNDOD2"] })).toEqual([expect.objectContaining({ id: first.promotion_id })])
    })
  },
})
