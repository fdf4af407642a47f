// A promoter asks to be paid (at or above the plan's minimum), an admin approves (a draft payout of that promoter
// alone, through their method's provider) or rejects, once; statements per payout and per year, own entries only.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { attempt } from "../helpers/http"
import { ledgerEntry } from "../helpers/ledger"
import { adminSession, customerSession, storeSession, type Headers } from "../helpers/session"
import { COMPENSATION_MODULE } from "../../src/modules/compensation"
import type CompensationModuleService from "../../src/modules/compensation/service"

jest.setTimeout(300 * 1000)

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers
    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
    })
    const compensation = () => getContainer().resolve<CompensationModuleService>(COMPENSATION_MODULE)

    it("a request above the minimum is approved into a payout of that promoter alone, once; below it or twice is refused and changes nothing", async () => {
      const store = await storeSession(getContainer())
      const session = async (email: string, code: string) => {
        const me = await customerSession(api, store, { email })
        const headers = { headers: { ...store.headers, ...me.headers } }
        const promoter = (await api.post("/store/promoters/me", { name: code, referral_code: code }, headers)).data.promoter as { id: string }
        return { headers, promoter }
      }
      const asker = await session("asker@example.com", "ASKER")
      const other = await session("other.asker@example.com", "OTHERASK")
      await api.post("/admin/commission-plan", { minimum_payout: { eur: "20" } }, admin)
      await compensation().writeEntries([
        ledgerEntry({ promoter_id: asker.promoter.id, amount: "15.00", status: "approved" }),
        ledgerEntry({ promoter_id: other.promoter.id, amount: "30.00", status: "approved" }),
      ])
      const below = await attempt(api.post("/store/promoters/me/payout-requests", { currency_code: "eur" }, asker.headers))
      expect(below.status).toBe(400)
      expect(below.data.message).toContain("below the minimum")
      expect((await attempt(api.post("/store/promoters/me/payout-requests", { currency_code: "eur", promoter_id: other.promoter.id }, asker.headers))).status).toBe(400)
      expect((await dbConnection.raw("select count(*)::int as n from promoter_payout_request")).rows[0].n).toBe(0)

      await compensation().writeEntries([ledgerEntry({ promoter_id: asker.promoter.id, amount: "6.50", status: "approved" })])
      const asked = await api.post("/store/promoters/me/payout-requests", { currency_code: "EUR" }, asker.headers)
      expect(asked.status).toBe(201)
      expect(asked.data.payout_request).toEqual(expect.objectContaining({ promoter_id: asker.promoter.id, currency_code: "eur", status: "requested" }))
      expect(String(asked.data.payout_request.amount)).toBe("21.5")
      expect((await attempt(api.post("/store/promoters/me/payout-requests", { currency_code: "eur" }, asker.headers))).status).toBe(409)
      const mine = (await api.get("/store/promoters/me/payout-requests", asker.headers)).data
      expect(mine.payout_requests).toHaveLength(1)
      expect(mine.minimum_payout).toEqual({ eur: "20" })
      expect((await api.get("/store/promoters/me/payout-requests", other.headers)).data.payout_requests).toEqual([])

      const queue = (await api.get("/admin/payout-requests?status=requested", admin)).data
      expect(queue.payout_requests.map((r: { id: string }) => r.id)).toEqual([asked.data.payout_request.id])
      const results = await Promise.all([1, 2, 3].map(() => attempt(api.post(`/admin/payout-requests/${asked.data.payout_request.id}/approve`, {}, admin))))
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409])
      const approved = results.find((r) => r.status === 200)!.data
      expect(approved.payout_request).toEqual(expect.objectContaining({ status: "approved", payout_id: approved.payout.id }))
      expect(approved.payout.lines.list).toEqual([{ promoter_id: asker.promoter.id, amount: "21.5" }])
      // The other promoter's balance is not in it.
      expect((await dbConnection.raw("select payout_id from promoter_commission_entry where promoter_id = ?", [other.promoter.id])).rows).toEqual([{ payout_id: null }])
      expect((await attempt(api.post(`/admin/payout-requests/${asked.data.payout_request.id}/reject`, {}, admin))).status).toBe(409)
      expect((await attempt(api.post("/admin/payout-requests/preq_none/approve", {}, admin))).status).toBe(404)

      // Statements: the payout paid, then per payout and per year, only the promoter's own entries.
      await api.post(`/admin/payouts/${approved.payout.id}/mark-paid`, { reference: "bank-9" }, admin)
      const year = new Date((await api.get("/admin/payouts", admin)).data.payouts[0].paid_at).getUTCFullYear()
      const byPayout = (await api.get(`/store/promoters/me/statement?payout_id=${approved.payout.id}`, asker.headers)).data as string
      const rows = byPayout.trim().split("\n")
      expect(rows[0]).toBe("payout_id,paid_at,entry_id,kind,level,earned_at,currency_code,amount")
      expect(rows.slice(1, -1).map((r) => r.split(",").slice(-2).join(",")).sort()).toEqual(["eur,15", "eur,6.5"])
      expect(rows.at(-1)).toBe("total,,,,,,eur,21.5")
      expect((await api.get(`/store/promoters/me/statement?year=${year}`, asker.headers)).data).toBe(byPayout)
      expect((await api.get(`/admin/promoters/${asker.promoter.id}/statement?year=${year}`, admin)).data).toBe(byPayout)
      expect(((await api.get(`/store/promoters/me/statement?payout_id=${approved.payout.id}`, other.headers)).data as string).trim().split("\n")).toHaveLength(1)
      expect(((await api.get(`/store/promoters/me/statement?year=${year - 1}`, asker.headers)).data as string).trim().split("\n")).toHaveLength(1)
      for (const q of ["", "?year=1999", `?year=${year}&payout_id=${approved.payout.id}`, "?month=1"]) {
        expect([q, (await attempt(api.get(`/store/promoters/me/statement${q}`, asker.headers))).status]).toEqual([q, 400])
      }
    })

    it("an admin rejects a request once; the balance stays payable", async () => {
      const store = await storeSession(getContainer())
      const me = await customerSession(api, store, { email: "reject.me@example.com" })
      const headers = { headers: { ...store.headers, ...me.headers } }
      const promoter = (await api.post("/store/promoters/me", { name: "Reject Me", referral_code: "REJECTME" }, headers)).data.promoter
      await compensation().writeEntries([ledgerEntry({ promoter_id: promoter.id, amount: "9.00", status: "approved" })])
      const asked = (await api.post("/store/promoters/me/payout-requests", { currency_code: "eur" }, headers)).data.payout_request
      expect((await api.post(`/admin/payout-requests/${asked.id}/reject`, {}, admin)).data.payout_request).toEqual(expect.objectContaining({ status: "rejected", payout_id: null }))
      expect((await attempt(api.post(`/admin/payout-requests/${asked.id}/approve`, {}, admin))).status).toBe(409)
      expect((await dbConnection.raw("select status, payout_id from promoter_commission_entry where promoter_id = ?", [promoter.id])).rows).toEqual([{ status: "approved", payout_id: null }])
      // A new request may follow a decided one.
      expect((await api.post("/store/promoters/me/payout-requests", { currency_code: "eur" }, headers)).status).toBe(201)
    })
  },
})
