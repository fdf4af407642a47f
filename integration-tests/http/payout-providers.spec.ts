// Payouts through providers: a promoter's one payout method (validated, secrets never answered), a payout's state
// machine (draft → processing → paid | partially_failed | failed), stripe_connect through the official `stripe`
// client pointed at a local server with Stripe's shapes and idempotency, a refusing destination, a timeout, and a
// crash between "sent" and "recorded": paid exactly once, and a payout's lines = its entries = its total throughout.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { Modules } from "@medusajs/framework/utils"
import path from "node:path"
import { completeCart, createCart } from "../helpers/checkout"
import { attempt, eventually } from "../helpers/http"
import { fakePaypal } from "../helpers/fake-paypal"
import { fakeStripe } from "../helpers/fake-stripe"
import { ledgerEntry } from "../helpers/ledger"
import { usePluginOptions } from "../helpers/plugin-options"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"
import { COMPENSATION_MODULE } from "../../src/modules/compensation"
import type CompensationModuleService from "../../src/modules/compensation/service"
import { beginPayoutSendStep, sendPayoutStep } from "../../src/workflows/compensation/steps/payout-execution"

jest.setTimeout(300 * 1000)

const STRIPE_PORT = 41000 + (process.pid % 9000)
const PAYPAL_PORT = STRIPE_PORT + 1
const PAYPAL = { clientId: "paypal-client", clientSecret: "paypal-secret" }
usePluginOptions({
  payouts: {
    providers: [
      { id: "stripe_connect", options: { apiKey: "sk_test_fake", host: "127.0.0.1", port: STRIPE_PORT, protocol: "http", timeoutMs: 1000, maxNetworkRetries: 0 } },
      { id: "store_credit" },
      { id: "paypal", options: { ...PAYPAL, baseUrl: `http://127.0.0.1:${PAYPAL_PORT}`, timeoutMs: 1000 } },
    ],
  },
})

// Sent, never recorded: the provider was called, then the process "crashed" before the record step.
const recordFails = createStep("test-record-step-fails", async () => {
  throw new Error("crashed before recording")
})
const sendThenCrash = createWorkflow("test-payout-send-then-crash", (input: { id: string }) => {
  sendPayoutStep(beginPayoutSendStep(input))
  recordFails()
  return new WorkflowResponse(null)
})

type Check = { status: string; total: string; lines_sum: string; entries_sum: string; bad_lines: number }

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    const stripe = fakeStripe()
    const paypal = fakePaypal({ ...PAYPAL, funds: "100" })
    let admin: Headers
    beforeAll(() => Promise.all([stripe.listen(STRIPE_PORT), paypal.listen(PAYPAL_PORT)]))
    afterAll(() => Promise.all([stripe.close(), paypal.close()]))
    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      stripe.transfers.length = 0
    })
    const compensation = () => getContainer().resolve<CompensationModuleService>(COMPENSATION_MODULE)

    const promoterWith = async (code: string, account: string | null) => {
      const p = (await api.post("/admin/promoters", { name: code, email: `${code.toLowerCase()}@example.com`, referral_code: code }, admin)).data.promoter
      if (account) {
        const set = await api.post(`/admin/promoters/${p.id}/payout-method`, { provider_id: "stripe_connect", details: { account_id: account } }, admin)
        expect(set.status).toBe(200)
      }
      return p as { id: string }
    }
    const entries = async (promoterId: string) =>
      (await dbConnection.raw("select status, payout_id, trim_scale(amount)::text as amount from promoter_commission_entry where promoter_id = ? order by id", [promoterId])).rows
    /** The invariant: a payout's lines = its entries = its total, line by line. */
    const check = async (id: string): Promise<Check> =>
      (
        await dbConnection.raw(
          `select p.status, trim_scale(p.total)::text as total,
                  trim_scale((select coalesce(sum((l->>'amount')::numeric), 0) from jsonb_array_elements(p.lines->'list') l))::text as lines_sum,
                  trim_scale((select coalesce(sum(e.amount), 0) from promoter_commission_entry e where e.payout_id = p.id))::text as entries_sum,
                  (select count(*)::int from jsonb_array_elements(p.lines->'list') l
                    where (l->>'amount')::numeric <> (select coalesce(sum(e.amount), 0) from promoter_commission_entry e where e.payout_id = p.id and e.promoter_id = l->>'promoter_id')) as bad_lines
             from promoter_commission_payout p where p.id = ?`,
          [id]
        )
      ).rows[0]
    const holds = (c: Check) => c.total === c.lines_sum && c.lines_sum === c.entries_sum && c.bad_lines === 0

    it("a payout method is validated by its provider (bad input: 400, nothing changed) and its secrets are never answered", async () => {
      const p = await promoterWith("PMA", null)
      expect((await api.get(`/admin/promoters/${p.id}/payout-method`, admin)).data).toEqual({ payout_method: null, providers: ["manual", "stripe_connect", "store_credit", "paypal"] })
      for (const body of [
        { provider_id: "stripe_connect", details: { account_id: "not-an-account" } },
        { provider_id: "stripe_connect", details: { account_id: "acct_good1234", extra: 1 } },
        { provider_id: "paypal_unknown", details: {} },
        { provider_id: "manual", details: { bank_account: "x" } },
        { provider_id: "manual", details: {}, promoter_id: "prm_other" },
      ]) {
        const r = await attempt(api.post(`/admin/promoters/${p.id}/payout-method`, body, admin))
        expect([r.status, body]).toEqual([400, body])
      }
      expect((await dbConnection.raw("select count(*)::int as n from promoter_payout_method")).rows[0].n).toBe(0)

      const set = await api.post(`/admin/promoters/${p.id}/payout-method`, { provider_id: "manual", details: { note: "bank transfer", bank_account: "DE89 3704 0044 0532 0130 00" } }, admin)
      expect(set.data.payout_method).toEqual(expect.objectContaining({ provider_id: "manual", details: { note: "bank transfer" }, secrets_set: ["bank_account"] }))
      expect(JSON.stringify((await api.get(`/admin/promoters/${p.id}/payout-method`, admin)).data)).not.toContain("0532")
      const stored = (await dbConnection.raw("select details from promoter_payout_method where promoter_id = ?", [p.id])).rows[0]
      expect(stored.details.bank_account).toBe("DE89 3704 0044 0532 0130 00")
    })

    it("a promoter sets and sees only their own payout method through the store API", async () => {
      const store = await storeSession(getContainer())
      const me = await customerSession(api, store, { email: "payme@example.com" })
      const headers = { headers: { ...store.headers, ...me.headers } }
      const mine = (await api.post("/store/promoters/me", { name: "Pay Me", referral_code: "PAYME" }, headers)).data.promoter
      const other = await promoterWith("PMOTHER", "acct_other1234")
      const set = await api.post("/store/promoters/me/payout-method", { provider_id: "stripe_connect", details: { account_id: "acct_mine12345" } }, headers)
      expect(set.data.payout_method).toEqual(expect.objectContaining({ promoter_id: mine.id, details: { account_id: "acct_mine12345" } }))
      expect((await attempt(api.post("/store/promoters/me/payout-method", { provider_id: "manual", details: {}, promoter_id: other.id }, headers))).status).toBe(400)
      expect((await attempt(api.post("/store/promoters/me/payout-method", { provider_id: "stripe_connect", details: { account_id: "bad" } }, headers))).status).toBe(400)
      expect((await api.get("/store/promoters/me/payout-method", headers)).data.payout_method.details).toEqual({ account_id: "acct_mine12345" })
      expect((await api.get(`/admin/promoters/${other.id}/payout-method`, admin)).data.payout_method.details).toEqual({ account_id: "acct_other1234" })
      expect((await attempt(api.get("/store/promoters/me/payout-method", store))).status).toBe(401)
    })

    it("draft → processing → partially_failed: a refused destination's entries return to approved, a new payout takes them, paid once", async () => {
      const a = await promoterWith("STRA", "acct_good00001")
      const b = await promoterWith("STRB", "acct_invalid001")
      const manualOnly = await promoterWith("STRM", null)
      await compensation().writeEntries([
        ledgerEntry({ promoter_id: a.id, amount: "10.25", status: "approved" }),
        ledgerEntry({ promoter_id: a.id, amount: "2.10", status: "approved" }),
        ledgerEntry({ promoter_id: b.id, amount: "7.05", status: "approved" }),
        ledgerEntry({ promoter_id: manualOnly.id, amount: "3.00", status: "approved" }),
      ])
      expect((await attempt(api.post("/admin/payouts", { currency_code: "eur", minimum: "0", provider_id: "paypal" }, admin))).status).toBe(400)
      const draft = (await api.post("/admin/payouts", { currency_code: "eur", minimum: "0", provider_id: "stripe_connect" }, admin)).data.payout
      expect(draft).toEqual(expect.objectContaining({ status: "draft", provider_id: "stripe_connect" }))
      expect(String(draft.total)).toBe("19.4")
      expect(draft.lines.list.map((l: { promoter_id: string }) => l.promoter_id).sort()).toEqual([a.id, b.id].sort())
      expect((await entries(manualOnly.id))[0]).toEqual(expect.objectContaining({ status: "approved", payout_id: null }))
      // A payout through a provider is paid by executing it, never by hand.
      expect((await attempt(api.post(`/admin/payouts/${draft.id}/mark-paid`, {}, admin))).status).toBe(409)

      const told: { name: string; data: Record<string, unknown> }[] = []
      for (const name of ["promoter.payout_paid", "promoter.payout_failed"]) {
        getContainer()
          .resolve(Modules.EVENT_BUS)
          .subscribe(name, async (e) => {
            if ((e.data as { id?: string }).id === draft.id) told.push({ name, data: e.data as Record<string, unknown> })
          })
      }
      const done = (await api.post(`/admin/payouts/${draft.id}/execute`, {}, admin)).data.payout
      expect(done.status).toBe("partially_failed")
      // The store hears both: what was paid, and what the provider refused (webhooks and subscribers).
      const events = await eventually(async () => told, (t) => t.length >= 2)
      expect(events.map((e) => e.name).sort()).toEqual(["promoter.payout_failed", "promoter.payout_paid"])
      expect(events.find((e) => e.name === "promoter.payout_failed")!.data).toEqual(
        expect.objectContaining({ id: draft.id, status: "partially_failed", failed: [expect.objectContaining({ promoter_id: b.id, amount: "7.05", error: expect.stringContaining("account_invalid") })] })
      )
      expect(done.lines.list).toEqual([
        expect.objectContaining({ promoter_id: a.id, amount: "12.35", status: "paid", reference: stripe.transfers[0].id, idempotency_key: `${draft.id}:${a.id}` }),
      ])
      expect(done.lines.failed).toEqual([expect.objectContaining({ promoter_id: b.id, status: "failed", error: expect.stringContaining("account_invalid") })])
      expect(stripe.transfers).toEqual([
        expect.objectContaining({ amount: 1235, currency: "eur", destination: "acct_good00001", transfer_group: draft.id, idempotency_key: `${draft.id}:${a.id}` }),
      ])
      expect(holds(await check(draft.id))).toBe(true)
      expect((await check(draft.id)).total).toBe("12.35")
      expect((await entries(a.id)).map((e: { status: string }) => e.status)).toEqual(["paid", "paid"])
      expect(await entries(b.id)).toEqual([expect.objectContaining({ status: "approved", payout_id: null })])
      expect((await attempt(api.post(`/admin/payouts/${draft.id}/execute`, {}, admin))).status).toBe(409)
      expect(stripe.transfers).toHaveLength(1)

      // The promoter fixes the account: the next payout takes the entries back and pays them.
      await api.post(`/admin/promoters/${b.id}/payout-method`, { provider_id: "stripe_connect", details: { account_id: "acct_good00002" } }, admin)
      const next = (await api.post("/admin/payouts", { currency_code: "eur", minimum: "0", provider_id: "stripe_connect" }, admin)).data.payout
      expect((await api.post(`/admin/payouts/${next.id}/execute`, {}, admin)).data.payout.status).toBe("paid")
      expect(holds(await check(next.id))).toBe(true)
      expect(stripe.transfers.map((t) => [t.destination, t.amount])).toEqual([["acct_good00001", 1235], ["acct_good00002", 705]])
      const listed = (await api.get("/admin/payouts", admin)).data.payouts
      expect(listed.map((p: { status: string }) => p.status).sort()).toEqual(["paid", "partially_failed"])
    })

    it("a crash between sent and recorded, and a timeout: the retry sends the same keys and every promoter is paid exactly once", async () => {
      const a = await promoterWith("CRA", "acct_good00003")
      const b = await promoterWith("CRB", "acct_good00004")
      await compensation().writeEntries([
        ledgerEntry({ promoter_id: a.id, amount: "4.99", status: "approved" }),
        ledgerEntry({ promoter_id: b.id, amount: "5.01", status: "approved" }),
      ])
      const payout = (await api.post("/admin/payouts", { currency_code: "eur", minimum: "0", provider_id: "stripe_connect" }, admin)).data.payout
      await expect(sendThenCrash(getContainer()).run({ input: { id: payout.id } })).rejects.toMatchObject({ message: "crashed before recording" })
      expect(stripe.transfers).toHaveLength(2)
      const stuck = (await api.get("/admin/payouts", admin)).data.payouts.find((p: { id: string }) => p.id === payout.id)
      expect(stuck.status).toBe("processing")
      expect(stuck.lines.list.map((l: { status: string }) => l.status)).toEqual(["sending", "sending"])
      expect((await entries(a.id))[0].status).toBe("approved")
      expect(holds(await check(payout.id))).toBe(true)

      const retried = (await api.post(`/admin/payouts/${payout.id}/execute`, {}, admin)).data.payout
      expect(retried.status).toBe("paid")
      expect(stripe.transfers).toHaveLength(2)
      expect(new Set(stripe.transfers.map((t) => t.idempotency_key))).toEqual(new Set([`${payout.id}:${a.id}`, `${payout.id}:${b.id}`]))
      expect(retried.lines.list.map((l: { reference: string }) => l.reference).sort()).toEqual(stripe.transfers.map((t) => t.id).sort())
      expect(holds(await check(payout.id))).toBe(true)

      // A timeout: Stripe made the transfer but the answer came too late. The failure is shown, the line stays sending.
      const slow = await promoterWith("CRS", "acct_slow00001")
      await compensation().writeEntries([ledgerEntry({ promoter_id: slow.id, amount: "8.00", status: "approved" })])
      const late = (await api.post("/admin/payouts", { currency_code: "eur", minimum: "0", provider_id: "stripe_connect" }, admin)).data.payout
      const timedOut = (await api.post(`/admin/payouts/${late.id}/execute`, {}, admin)).data.payout
      expect(timedOut).toEqual(expect.objectContaining({ status: "processing", error: expect.stringContaining("stripe_connect") }))
      expect(timedOut.lines.list[0].status).toBe("sending")
      expect((await entries(slow.id))[0]).toEqual(expect.objectContaining({ status: "approved", payout_id: late.id }))
      const settled = (await api.post(`/admin/payouts/${late.id}/execute`, {}, admin)).data.payout
      expect(settled).toEqual(expect.objectContaining({ status: "paid", error: null }))
      expect(stripe.transfers.filter((t) => t.destination === "acct_slow00001")).toHaveLength(1)
      expect((await entries(slow.id))[0].status).toBe("paid")
      expect(holds(await check(late.id))).toBe(true)
    })

    it("store_credit: a payout credits the promoter's own customer account once (@medusajs/loyalty-plugin), and they spend it at checkout", async () => {
      const store = await storeSession(getContainer())
      const me = await customerSession(api, store, { email: "credit.me@example.com" })
      const headers = { headers: { ...store.headers, ...me.headers } }
      const promoter = (await api.post("/store/promoters/me", { name: "Credit Me", referral_code: "CREDITME" }, headers)).data.promoter
      expect((await attempt(api.post("/store/promoters/me/payout-method", { provider_id: "store_credit", details: { iban: "x" } }, headers))).status).toBe(400)
      await api.post("/store/promoters/me/payout-method", { provider_id: "store_credit", details: {} }, headers)
      await compensation().writeEntries([
        ledgerEntry({ promoter_id: promoter.id, amount: "3.50", status: "approved", currency_code: "usd" }),
        ledgerEntry({ promoter_id: promoter.id, amount: "1.50", status: "approved", currency_code: "usd" }),
      ])
      const payout = (await api.post("/admin/payouts", { currency_code: "usd", minimum: "0", provider_id: "store_credit" }, admin)).data.payout
      // Crash after the credit, before the record: the retry finds the credit by its key instead of crediting again.
      await expect(sendThenCrash(getContainer()).run({ input: { id: payout.id } })).rejects.toMatchObject({ message: "crashed before recording" })
      const paid = (await api.post(`/admin/payouts/${payout.id}/execute`, {}, admin)).data.payout
      expect(paid.status).toBe("paid")
      expect(paid.lines.list[0]).toEqual(expect.objectContaining({ status: "paid", reference: expect.stringMatching(/^sc_trx_/) }))
      const credits = (
        await dbConnection.raw(
          `select trim_scale(t.amount)::text as amount, a.customer_id, a.currency_code from store_credit_account_transaction t
             join store_credit_account a on a.id = t.account_id where t.reference = 'promoter_payout' and t.deleted_at is null`
        )
      ).rows
      expect(credits).toEqual([{ amount: "5", customer_id: me.customerId, currency_code: "usd" }])
      expect(holds(await check(payout.id))).toBe(true)

      // The promoter, as the shop's customer, pays part of an order with the credit.
      const kettle = store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId
      const cartId = await createCart(api, { regionId: store.regions.usd, variantId: kettle, shippingOptionId: store.shippingOptionId, headers: headers.headers, email: "credit.me@example.com" })
      const before = (await api.get(`/store/carts/${cartId}`, headers)).data.cart.total
      const withCredit = (await api.post(`/store/carts/${cartId}/store-credits`, {}, headers)).data.cart
      expect(withCredit.total).toBe(before - 5)
      const order = await completeCart(api, cartId, headers)
      expect(order.total).toBe(before - 5)
      const balance = (
        await dbConnection.raw(
          `select trim_scale(coalesce(sum(case when t.type = 'credit' then t.amount else -t.amount end), 0))::text as balance
             from store_credit_account_transaction t join store_credit_account a on a.id = t.account_id where a.customer_id = ? and t.deleted_at is null`,
          [me.customerId]
        )
      ).rows[0].balance
      expect(balance).toBe("0")
    })

    it("paypal: one batch per payout (sender_batch_id = payout id), items settle later, a refused receiver and a timeout; the mass-payment CSV", async () => {
      const promoter = async (code: string, email: string) => {
        const p = (await api.post("/admin/promoters", { name: code, email: `${code.toLowerCase()}@example.com`, referral_code: code }, admin)).data.promoter
        expect((await api.post(`/admin/promoters/${p.id}/payout-method`, { provider_id: "paypal", details: { email } }, admin)).status).toBe(200)
        return p as { id: string }
      }
      expect((await attempt(api.post("/admin/promoters/prom_x/payout-method", { provider_id: "paypal", details: { email: "nope" } }, admin))).status).toBeGreaterThanOrEqual(400)
      const good = await promoter("PPGOOD", "Good.Payee@Example.com")
      const refused = await promoter("PPBAD", "unregistered@example.com")
      await compensation().writeEntries([
        ledgerEntry({ promoter_id: good.id, amount: "12.35", status: "approved" }),
        ledgerEntry({ promoter_id: refused.id, amount: "4.00", status: "approved" }),
      ])
      const payout = (await api.post("/admin/payouts", { currency_code: "eur", minimum: "0", provider_id: "paypal" }, admin)).data.payout
      const csv = (await api.get(`/admin/payouts/${payout.id}/export?format=paypal`, admin)).data as string
      expect(csv.trim().split("\n").sort()).toEqual(
        [`good.payee@example.com,12.35,EUR,${good.id},Payout ${payout.id}`, `unregistered@example.com,4,EUR,${refused.id},Payout ${payout.id}`].sort()
      )
      expect((await attempt(api.get(`/admin/payouts/${payout.id}/export?format=xls`, admin))).status).toBe(400)

      const sent = (await api.post(`/admin/payouts/${payout.id}/execute`, {}, admin)).data.payout
      expect(paypal.batches).toHaveLength(1)
      const [batch] = paypal.batches
      expect(batch).toEqual(expect.objectContaining({ sender_batch_id: payout.id, request_id: payout.id }))
      expect(batch.items.map((i) => [i.payout_item.sender_item_id, i.payout_item.receiver, i.payout_item.amount])).toEqual(
        expect.arrayContaining([[good.id, "good.payee@example.com", { value: "12.35", currency: "EUR" }], [refused.id, "unregistered@example.com", { value: "4", currency: "EUR" }]])
      )
      expect(sent.status).toBe("processing")
      expect(sent.lines.list).toEqual([expect.objectContaining({ promoter_id: good.id, status: "pending", reference: batch.payout_batch_id })])
      expect(sent.lines.failed).toEqual([expect.objectContaining({ promoter_id: refused.id, error: expect.stringContaining("RECEIVER_UNREGISTERED") })])
      expect(await entries(refused.id)).toEqual([expect.objectContaining({ status: "approved", payout_id: null })])
      expect((await entries(good.id))[0].status).toBe("approved")
      expect(holds(await check(payout.id))).toBe(true)

      paypal.settle()
      const settled = (await api.post(`/admin/payouts/${payout.id}/execute`, {}, admin)).data.payout
      expect(settled.status).toBe("partially_failed")
      expect(settled.lines.list[0]).toEqual(expect.objectContaining({ status: "paid", reference: batch.items.find((i) => i.payout_item.sender_item_id === good.id)!.payout_item_id }))
      expect((await entries(good.id))[0].status).toBe("paid")
      expect(paypal.batches).toHaveLength(1)

      // PayPal refuses a whole batch (insufficient funds): every line fails, its entries are free again.
      await compensation().writeEntries([ledgerEntry({ promoter_id: good.id, amount: "150.00", status: "approved" })])
      const big = (await api.post("/admin/payouts", { currency_code: "eur", minimum: "100", provider_id: "paypal" }, admin)).data.payout
      const poor = (await api.post(`/admin/payouts/${big.id}/execute`, {}, admin)).data.payout
      expect(poor).toEqual(expect.objectContaining({ status: "failed" }))
      expect(poor.lines.failed[0].error).toContain("INSUFFICIENT_FUNDS")
      expect(holds(await check(big.id))).toBe(true)
      expect((await entries(good.id)).filter((e: { amount: string }) => e.amount === "150")).toEqual([expect.objectContaining({ status: "approved", payout_id: null })])

      // A timeout after PayPal made the batch: the retry's PayPal-Request-Id gets the same batch, never a second.
      const slow = await promoter("PPSLOW", "slow@example.com")
      await compensation().writeEntries([ledgerEntry({ promoter_id: slow.id, amount: "5.00", status: "approved", currency_code: "usd" })])
      const late = (await api.post("/admin/payouts", { currency_code: "usd", minimum: "0", provider_id: "paypal" }, admin)).data.payout
      expect(late.lines.list).toEqual([expect.objectContaining({ promoter_id: slow.id, amount: "5" })])
      paypal.hangNext()
      expect((await api.post(`/admin/payouts/${late.id}/execute`, {}, admin)).data.payout).toEqual(expect.objectContaining({ status: "processing", error: expect.stringContaining("paypal") }))
      paypal.settle()
      expect((await api.post(`/admin/payouts/${late.id}/execute`, {}, admin)).data.payout.status).toBe("paid")
      expect(paypal.batches.filter((b) => b.sender_batch_id === late.id)).toHaveLength(1)
      expect(holds(await check(late.id))).toBe(true)

      // Sent, timed out, and PayPal has forgotten the request id: its batch id is taken, so the lines may be paid.
      // They are never failed (that would free their entries for a second payment): they stay sending, with the error.
      const lost = await promoter("PPLOST", "lost@example.com")
      await compensation().writeEntries([ledgerEntry({ promoter_id: lost.id, amount: "2.00", status: "approved", currency_code: "usd" })])
      const forgotten = (await api.post("/admin/payouts", { currency_code: "usd", minimum: "0", provider_id: "paypal" }, admin)).data.payout
      paypal.hangNext()
      await api.post(`/admin/payouts/${forgotten.id}/execute`, {}, admin)
      paypal.forgetRequestIds()
      const unsure = (await api.post(`/admin/payouts/${forgotten.id}/execute`, {}, admin)).data.payout
      expect(unsure).toEqual(expect.objectContaining({ status: "processing", error: expect.stringContaining("already has batch") }))
      expect(unsure.lines.list[0].status).toBe("sending")
      expect(await entries(lost.id)).toEqual([expect.objectContaining({ status: "approved", payout_id: forgotten.id })])
      expect(paypal.batches.filter((b) => b.sender_batch_id === forgotten.id)).toHaveLength(1)
    })
  },
})
