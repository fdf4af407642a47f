// Payouts under concurrency: a payout's lines and its entries come from the same locked rows, whatever approvals,
// reversals and other payouts run at the same moment; a payout is marked paid once.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { attempt } from "../helpers/http"
import { ledgerEntry } from "../helpers/ledger"
import { adminSession, type Headers } from "../helpers/session"
import approveCommissions from "../../src/jobs/approve-commissions"
import { COMPENSATION_MODULE } from "../../src/modules/compensation"
import type CompensationModuleService from "../../src/modules/compensation/service"

jest.setTimeout(300 * 1000)

type PayoutCheck = { id: string; status: string; total: string; lines_sum: string; entries_sum: string; bad_lines: number }

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers
    let promoters: { id: string }[]

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      promoters = []
      for (const code of ["PAYA", "PAYB", "PAYC"]) {
        promoters.push((await api.post("/admin/promoters", { name: code, email: `${code.toLowerCase()}@example.com`, referral_code: code }, admin)).data.promoter)
      }
    })

    const compensation = () => getContainer().resolve<CompensationModuleService>(COMPENSATION_MODULE)

    /** Every payout with its total, the sum of its lines, the sum of its entries, and lines that differ from their entries. */
    const payoutChecks = async (): Promise<PayoutCheck[]> =>
      (
        await dbConnection.raw(`
          select p.id, p.status, trim_scale(p.total)::text as total,
                 trim_scale((select coalesce(sum((l->>'amount')::numeric), 0) from jsonb_array_elements(p.lines->'list') l))::text as lines_sum,
                 trim_scale((select coalesce(sum(e.amount), 0) from promoter_commission_entry e where e.payout_id = p.id and e.deleted_at is null))::text as entries_sum,
                 (select count(*)::int from jsonb_array_elements(p.lines->'list') l
                   where (l->>'amount')::numeric <> (select coalesce(sum(e.amount), 0) from promoter_commission_entry e
                                                      where e.payout_id = p.id and e.promoter_id = l->>'promoter_id' and e.deleted_at is null)) as bad_lines
            from promoter_commission_payout p where p.deleted_at is null order by p.created_at`)
      ).rows

    it("a payout's lines always equal its entries while approvals and reversals race it, and paid entries belong to paid payouts", async () => {
      const membership = new Map<string, string>() // entry id → the payout it was first seen in
      let mismatches = 0
      for (let round = 0; round < 6; round++) {
        // Some entries approved by an admin, some by the approval job (hold passed), some reversals arriving approved.
        const byHand = await compensation().writeEntries(
          promoters.flatMap((p, i) => [1, 2, 3, 4].map((k) => ledgerEntry({ promoter_id: p.id, amount: `${k + i}.${round}${k}` })))
        )
        await compensation().writeEntries(
          promoters.map((p) => ledgerEntry({ promoter_id: p.id, amount: `2.0${round}`, hold_until: new Date(Date.now() - 60000) }))
        )
        await compensation().writeEntries(promoters.map((p) => ledgerEntry({ promoter_id: p.id, amount: `0.5${round}`, status: "approved" })))
        const reversals = promoters.map((p) => ledgerEntry({ promoter_id: p.id, kind: "reversal", status: "approved", amount: `-0.3${round}`, level: 1 }))
        const results = await Promise.all([
          ...byHand.map((e) => attempt(api.post(`/admin/commissions/${e.id}/approve`, {}, admin))),
          attempt(api.post("/admin/payouts", { currency_code: "eur", minimum: "0" }, admin)),
          approveCommissions(getContainer()),
          compensation().writeEntries(reversals),
          attempt(api.post("/admin/payouts", { currency_code: "eur", minimum: "0" }, admin)),
          new Promise((r) => setTimeout(r, 15)).then(() => attempt(api.post("/admin/payouts", { currency_code: "eur", minimum: "0" }, admin))),
        ])
        for (const r of results) {
          const status = (r as { status?: number } | undefined)?.status
          if (status !== undefined) expect(status).toBeLessThan(500)
        }
        for (const check of await payoutChecks()) {
          if (check.lines_sum !== check.entries_sum || check.bad_lines !== 0 || check.total !== check.lines_sum) mismatches += 1
        }
        const rows = (await dbConnection.raw("select id, payout_id from promoter_commission_entry where payout_id is not null")).rows as { id: string; payout_id: string }[]
        for (const r of rows) {
          // An entry never moves to a second payout.
          expect(membership.get(r.id) ?? r.payout_id).toBe(r.payout_id)
          membership.set(r.id, r.payout_id)
        }
      }
      expect(mismatches).toBe(0)
      const checks = await payoutChecks()
      expect(checks.length).toBeGreaterThan(0)
      expect(checks.filter((c) => c.lines_sum !== c.entries_sum || c.bad_lines !== 0 || c.total !== c.lines_sum)).toEqual([])

      // Every payout paid: then every paid entry belongs to a paid payout, and the promoters were paid what the lines say.
      for (const c of checks) expect((await api.post(`/admin/payouts/${c.id}/mark-paid`, { reference: `ref-${c.id}` }, admin)).status).toBe(200)
      const stray = await dbConnection.raw(`
        select e.id from promoter_commission_entry e left join promoter_commission_payout p on p.id = e.payout_id
         where e.status = 'paid' and (p.id is null or p.status <> 'paid')`)
      expect(stray.rows).toEqual([])
      const unpaid = await dbConnection.raw(`
        select e.id from promoter_commission_entry e join promoter_commission_payout p on p.id = e.payout_id where p.status = 'paid' and e.status <> 'paid'`)
      expect(unpaid.rows).toEqual([])
      const paid = (await dbConnection.raw(`
        select (select trim_scale(coalesce(sum(amount), 0))::text from promoter_commission_entry where status = 'paid') as entries,
               (select trim_scale(coalesce(sum((l->>'amount')::numeric), 0))::text from promoter_commission_payout p, jsonb_array_elements(p.lines->'list') l
                 where p.status = 'paid') as lines`)).rows[0]
      expect(paid.entries).toBe(paid.lines)
    })

    it("marks a payout paid once: of concurrent mark-paid calls the first wins, the others get 409 and change nothing", async () => {
      await compensation().writeEntries(promoters.map((p, i) => ledgerEntry({ promoter_id: p.id, amount: `1${i}.25`, status: "approved" })))
      const payout = (await api.post("/admin/payouts", { currency_code: "eur", minimum: "0" }, admin)).data.payout
      const refs = ["bank-1", "bank-2", "bank-3", "bank-4"]
      const results = await Promise.all(refs.map((reference) => attempt(api.post(`/admin/payouts/${payout.id}/mark-paid`, { reference }, admin))))
      const statuses = results.map((r) => r.status).sort()
      expect(statuses).toEqual([200, 409, 409, 409])
      const winner = results.find((r) => r.status === 200)!.data.payout
      expect(refs).toContain(winner.reference)
      const stored = (await dbConnection.raw("select status, reference, paid_at from promoter_commission_payout where id = ?", [payout.id])).rows[0]
      expect(stored.status).toBe("paid")
      expect(stored.reference).toBe(winner.reference)
      expect(new Date(stored.paid_at).toISOString()).toBe(new Date(winner.paid_at).toISOString())

      const later = await attempt(api.post(`/admin/payouts/${payout.id}/mark-paid`, { reference: "bank-5" }, admin))
      expect(later.status).toBe(409)
      // What conflicts, not Medusa's generic "retry with the Idempotency-Key" (a retry can never succeed here).
      expect(later.data).toEqual({ type: "conflict", code: "invalid_state_error", message: `Payout ${payout.id} is already paid` })
      const after = (await dbConnection.raw("select status, reference, paid_at from promoter_commission_payout where id = ?", [payout.id])).rows[0]
      expect(after).toEqual(stored)
      expect((await attempt(api.post("/admin/payouts/cpay_nothing/mark-paid", {}, admin))).status).toBe(404)
    })
  },
})
