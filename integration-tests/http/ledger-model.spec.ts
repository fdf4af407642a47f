// A model-based test of the ledger on the real database: fast-check runs random sequences of what happens to orders
// and money — orders paid at several levels, orders worth less after cancels / returns / refunds (each delivered
// twice at once), approvals by time, payouts racing approvals, mark-paid raced by a second admin — through the
// compensation module's own methods, and after every step compares the database with a reference model written here
// independently of the production code (integer arithmetic on hundredths of a cent, its own rounding):
// - per (order, promoter, level): net = rate × the order's current base, rounded once, half away from zero;
// - a payout's total = its lines = its entries; no entry is in two payouts; every paid entry is in a paid payout;
// - balances = the sums of the entries by status.
// LEDGER_MODEL_RUNS=200 npm test -- integration-tests/http/ledger-model.spec.ts runs a bigger search.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import fc from "fast-check"
import path from "node:path"
import { COMPENSATION_MODULE } from "../../src/modules/compensation"
import type CompensationModuleService from "../../src/modules/compensation/service"

jest.setTimeout(600 * 1000)

const RUNS = Number(process.env.LEDGER_MODEL_RUNS ?? 12)
const PROMOTERS = ["prom_model_a", "prom_model_b", "prom_model_c"]
const RATES = [1000, 500, 300] // level 1..3, basis points

/** Money in the model: integer hundredths of a cent (4 decimals), so bases like 33.3333 stay exact. */
type Order = { id: string; placedE4: bigint; baseE4: bigint; levels: number }

const toE4 = (s: string): bigint => {
  const negative = s.startsWith("-")
  const [i, f = ""] = (negative ? s.slice(1) : s).split(".")
  const v = BigInt(i) * 10000n + BigInt((f + "0000").slice(0, 4))
  return negative ? -v : v
}
const e4ToString = (v: bigint): string => {
  const negative = v < 0n
  const a = negative ? -v : v
  const out = `${a / 10000n}.${(a % 10000n).toString().padStart(4, "0")}`.replace(/\.?0+$/, "")
  return `${negative ? "-" : ""}${out}`
}
/** rate × base to whole cents, half away from zero — the reference rounding. */
const expectedCents = (baseE4: bigint, rateBps: number): bigint => {
  const scaled = baseE4 * BigInt(rateBps) // × 1e-4 (bps) × 1e-4 (E4) = 1e-8 units; a cent is 1e6 of them
  const q = scaled / 1_000_000n
  const r = scaled % 1_000_000n
  return r * 2n >= 1_000_000n ? q + 1n : q
}

type Command =
  | { type: "order"; cents: number; levels: number }
  | { type: "shrink"; order: number; quarters: number }
  | { type: "approve" }
  | { type: "payout"; withApproval: boolean }
  | { type: "markPaid" }

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant("order" as const), cents: fc.integer({ min: 1, max: 200_000 }), levels: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant("shrink" as const), order: fc.nat(), quarters: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 2, arbitrary: fc.constant({ type: "approve" as const }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("payout" as const), withApproval: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ type: "markPaid" as const }) }
)

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ getContainer, dbConnection }) => {
    it(`${RUNS} random histories keep every invariant after every step`, async () => {
      const compensation = getContainer().resolve<CompensationModuleService>(COMPENSATION_MODULE)
      let run = 0
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 3, maxLength: 14 }), async (commands) => {
          run += 1
          await dbConnection.raw("delete from promoter_commission_entry; delete from promoter_commission_payout")
          const orders: Order[] = []
          const payouts: string[] = []
          const farFuture = new Date(Date.now() + 3650 * 86_400_000)
          const where = (step: number, c: Command) => `run ${run}, step ${step} (${JSON.stringify(c)})`
          for (const [step, c] of commands.entries()) {
            if (c.type === "order") {
              const o: Order = { id: `order_model_${run}_${step}`, placedE4: BigInt(c.cents) * 100n, baseE4: BigInt(c.cents) * 100n, levels: c.levels }
              orders.push(o)
              const base = e4ToString(o.placedE4)
              await compensation.writeEntries(
                PROMOTERS.slice(0, c.levels).map((promoter, i) => ({
                  source_key: `commission:${o.id}:${promoter}:${i + 1}`,
                  kind: "commission" as const,
                  status: "pending" as const,
                  promoter_id: promoter,
                  order_id: o.id,
                  level: i + 1,
                  rate_bps: RATES[i],
                  base,
                  amount: e4ToString(expectedCents(o.placedE4, RATES[i]) * 100n),
                  currency_code: "usd",
                  reverses_entry_id: null,
                  hold_until: new Date(Date.now() - 1000),
                  note: null,
                }))
              )
            } else if (c.type === "shrink" && orders.length) {
              // The order is now worth a quarter less, or less still (a cancel: 0): delivered twice, at once.
              const o = orders[c.order % orders.length]
              o.baseE4 = (o.baseE4 * BigInt(c.quarters)) / 4n
              // As returned items worth the difference: what is left of the base the entries were written on.
              const taking = { canceled: false, returned: e4ToString(o.placedE4 - o.baseE4), refunded: "0", paid: "0" }
              const input = { order_id: o.id, taking, volume: e4ToString(o.baseE4), cause: "return" as const }
              await Promise.all([compensation.settleOrder(input), compensation.settleOrder(input)])
            } else if (c.type === "approve") {
              await compensation.approveDue({ now: farFuture })
            } else if (c.type === "payout") {
              const [created] = await Promise.all([
                compensation.createPayoutBatch({ currency: "usd", minimum: "0.01" }),
                c.withApproval ? compensation.approveDue({ now: farFuture }) : null,
              ])
              if (created) payouts.push(created.id)
            } else if (c.type === "markPaid" && payouts.length) {
              const id = payouts[payouts.length - 1]
              const wasOpen = (await dbConnection.raw("select status from promoter_commission_payout where id = ?", [id])).rows[0].status !== "paid"
              const results = await Promise.allSettled([
                compensation.markPayoutPaid({ id, reference: `first-${step}`, now: new Date() }),
                compensation.markPayoutPaid({ id, reference: `second-${step}`, now: new Date() }),
              ])
              // Exactly one of two racing admins marks an open payout paid; a paid one refuses both.
              expect([where(step, c), results.filter((r) => r.status === "fulfilled").length]).toEqual([where(step, c), wasOpen ? 1 : 0])
            }
            await checkInvariants(orders, where(step, c))
          }
        }),
        { numRuns: RUNS, seed: Number(process.env.LEDGER_MODEL_SEED ?? 20261201), endOnFailure: true }
      )

      async function checkInvariants(orders: Order[], where: string) {
        const entries: { id: string; kind: string; status: string; promoter_id: string; order_id: string; level: number; amount: string; reverses_entry_id: string | null; payout_id: string | null }[] = (
          await dbConnection.raw("select id, kind, status, promoter_id, order_id, level, amount::text, reverses_entry_id, payout_id from promoter_commission_entry where deleted_at is null")
        ).rows
        for (const o of orders) {
          for (const c of entries.filter((e) => e.order_id === o.id && e.kind === "commission")) {
            const net = [c, ...entries.filter((r) => r.reverses_entry_id === c.id)].reduce((s, e) => s + toE4(e.amount), 0n)
            expect([where, c.level, e4ToString(net)]).toEqual([where, c.level, e4ToString(expectedCents(o.baseE4, RATES[c.level - 1]) * 100n)])
          }
        }
        const payouts: { id: string; status: string; total: string; lines: { list: { promoter_id: string; amount: string }[] } }[] = (
          await dbConnection.raw("select id, status, total::text, lines from promoter_commission_payout where deleted_at is null")
        ).rows
        for (const p of payouts) {
          const ofPayout = entries.filter((e) => e.payout_id === p.id)
          const linesE4 = p.lines.list.reduce((s, l) => s + toE4(String(l.amount)), 0n)
          const entriesE4 = ofPayout.reduce((s, e) => s + toE4(e.amount), 0n)
          expect([where, p.id, e4ToString(toE4(p.total)), e4ToString(linesE4)]).toEqual([where, p.id, e4ToString(entriesE4), e4ToString(entriesE4)])
          if (p.status === "paid") expect([where, ofPayout.filter((e) => e.status !== "paid").map((e) => e.id)]).toEqual([where, []])
        }
        const paidPayouts = new Set(payouts.filter((p) => p.status === "paid").map((p) => p.id))
        expect([where, entries.filter((e) => e.status === "paid" && !paidPayouts.has(e.payout_id ?? "")).map((e) => e.id)]).toEqual([where, []])
        const balances = await compensation.balances()
        for (const b of balances) {
          for (const status of ["pending", "approved", "paid"] as const) {
            const sum = entries.filter((e) => e.promoter_id === b.promoter_id && e.status === status).reduce((s, e) => s + toE4(e.amount), 0n)
            expect([where, b.promoter_id, status, e4ToString(toE4(b[status]))]).toEqual([where, b.promoter_id, status, e4ToString(sum)])
          }
        }
      }
    })
  },
})
