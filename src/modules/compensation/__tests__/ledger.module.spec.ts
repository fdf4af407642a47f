// The ledger as a module, on its own PostgreSQL schema (Medusa's module test runner): idempotent writes under
// concurrency, payouts that take each entry once and add up to it exactly, a payout paid once.
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { COMPENSATION_MODULE } from ".."
import type CompensationModuleService from "../service"
import { ledgerEntry } from "../../../../integration-tests/helpers/ledger"
import { MODULE_TEST_OPTIONS } from "../../../../integration-tests/helpers/plugin-options"

jest.setTimeout(120_000)

/** Approved entries, payable at once (the ledger's own rules, not the hold, are what these tests are about). */
const entry = (e: Parameters<typeof ledgerEntry>[0]) => ledgerEntry({ status: "approved", hold_until: null, ...e })

moduleIntegrationTestRunner<CompensationModuleService>({
  moduleName: COMPENSATION_MODULE,
  resolve: path.join(__dirname, ".."),
  moduleOptions: MODULE_TEST_OPTIONS,
  testSuite: ({ service }) => {
    it("writes an entry once per source key, also when the same entries arrive five times at once", async () => {
      const batch = [entry({ promoter_id: "p1", amount: "1.10" }), entry({ promoter_id: "p2", amount: "2.20" })]
      const results = await Promise.all(Array.from({ length: 5 }, () => service.writeEntries(batch)))
      // Exactly one of the five writes created each entry; every call answers with the same ids.
      for (const [i] of batch.entries()) {
        expect(results.filter((r) => r[i].created)).toHaveLength(1)
        expect(new Set(results.map((r) => r[i].id)).size).toBe(1)
      }
      expect(await service.listCommissionEntries({ source_key: batch.map((b) => b.source_key) })).toHaveLength(2)
    })

    it("pays every approved entry once across concurrent payout batches, with lines and totals exact to the cent", async () => {
      // 30 entries of 0.10 for three promoters: sums that binary floating point gets wrong (0.1 × 3 ≠ 0.3).
      const entries = Array.from({ length: 30 }, (_, i) => entry({ promoter_id: `p${i % 3}`, amount: "0.10" }))
      await service.writeEntries(entries)
      const payouts = (await Promise.all(Array.from({ length: 4 }, () => service.createPayoutBatch({ currency: "eur", minimum: "0" })))).filter(
        (p): p is NonNullable<typeof p> => p !== null
      )
      expect(payouts).toHaveLength(1)
      const [payout] = payouts
      const lines = (payout.lines as { list: { promoter_id: string; amount: string }[] }).list
      expect(lines).toEqual([
        { promoter_id: "p0", amount: "1" },
        { promoter_id: "p1", amount: "1" },
        { promoter_id: "p2", amount: "1" },
      ])
      expect(String(payout.total)).toBe("3")
      const attached = await service.listCommissionEntries({ payout_id: payout.id })
      expect(attached).toHaveLength(30)
      // Nothing is left to pay: a second batch finds nothing.
      expect(await service.createPayoutBatch({ currency: "eur", minimum: "0" })).toBeNull()

      // Marked paid once: of three concurrent calls one wins, the others are conflicts; the entries are paid.
      const marks = await Promise.allSettled(Array.from({ length: 3 }, (_, i) => service.markPayoutPaid({ id: payout.id, reference: `bank-${i}`, now: new Date() })))
      expect(marks.filter((m) => m.status === "fulfilled")).toHaveLength(1)
      expect(marks.filter((m) => m.status === "rejected").map((m) => (m as PromiseRejectedResult).reason.type)).toEqual(["conflict", "conflict"])
      expect((await service.listCommissionEntries({ payout_id: payout.id })).every((e) => e.status === "paid")).toBe(true)
    })

    it("keeps a payout's lines equal to its entries while new approvals arrive during the batch", async () => {
      const first = Array.from({ length: 20 }, () => entry({ promoter_id: "q1", amount: "0.01" }))
      await service.writeEntries(first)
      const late = Array.from({ length: 20 }, () => entry({ promoter_id: "q1", amount: "0.02" }))
      const [payout] = await Promise.all([service.createPayoutBatch({ currency: "eur", minimum: "0" }), service.writeEntries(late)])
      const attached = await service.listCommissionEntries({ payout_id: payout!.id }, { select: ["amount"] })
      const cents = attached.reduce((sum, e) => sum + Math.round(Number(e.amount) * 100), 0)
      const line = (payout!.lines as { list: { amount: string }[] }).list[0]
      expect(Math.round(Number(line.amount) * 100)).toBe(cents)
      // The late entries are written one by one, so the batch holds the first 20 and any number of the late ones.
      expect(attached.length).toBeGreaterThanOrEqual(20)
      expect(attached.length).toBeLessThanOrEqual(40)
      // Whatever it did not take is still unpaid and unattached, for the next batch.
      const rest = await service.listCommissionEntries({ promoter_id: "q1", payout_id: null })
      expect(rest.length + attached.length).toBe(40)
    })
  },
})
