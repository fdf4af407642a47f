import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { proportionalReversal } from "../lib/compensation/commissions"
import { addDecimal, compareDecimal } from "../lib/rules-engine/decimal"
import { COMPENSATION_MODULE } from "../modules/compensation"
import type CompensationModuleService from "../modules/compensation/service"
import type { NewEntry } from "../modules/compensation/service"
import { returnedBaseStep, type ReturnedPart } from "./steps/returned-base"
import { writeCommissionEntriesStep } from "./steps/write-commission-entries"

export type ReverseOrderCommissionsInput = {
  order_id: string
  /** Names the cause (a cancel, a return, a refund): reversals are keyed by (cause, entry). */
  reason_key: string
  /** For a partial return/refund: the returned part of the commission base. Absent = everything that is left. */
  returned_base?: string
}

type LedgerRow = Awaited<ReturnType<CompensationModuleService["listCommissionEntries"]>>[number]

/** The reversals one cause (a cancel, a return, a refund) makes on the order's entries; never more than is left. */
function reversalsFor(entries: LedgerRow[], input: ReverseOrderCommissionsInput): NewEntry[] {
  const out: NewEntry[] = []
  for (const entry of entries.filter((e) => e.kind === "commission" && e.status !== "rejected")) {
    const key = `reversal:${input.reason_key}:${entry.id}`
    const amount = String(entry.amount)
    const reversed = entries
      .filter((r) => r.kind === "reversal" && r.reverses_entry_id === entry.id && r.source_key !== key)
      .reduce((sum, r) => addDecimal(sum, String(r.amount)), "0")
    const remaining = addDecimal(amount, reversed) // reversals are negative
    const share = input.returned_base
      ? proportionalReversal({ amount, returned: input.returned_base, base: String(entry.base), currency: entry.currency_code })
      : remaining
    const reverse = compareDecimal(share, remaining) > 0 ? remaining : share
    if (compareDecimal(reverse, "0") <= 0) continue
    out.push({
      source_key: key,
      kind: "reversal",
      // Reversing an approved or paid commission is payable at once: after a payout it leaves a negative balance
      // that the next payout carries.
      status: entry.status === "pending" ? "pending" : "approved",
      promoter_id: entry.promoter_id,
      order_id: entry.order_id,
      level: entry.level,
      rate_bps: entry.rate_bps,
      base: entry.base === null ? null : String(entry.base),
      amount: `-${reverse}`,
      currency_code: entry.currency_code,
      reverses_entry_id: entry.id,
      hold_until: entry.hold_until,
      note: input.reason_key,
    })
  }
  return out
}

const planReversalsStep = createStep("plan-commission-reversals", async (parts: ReverseOrderCommissionsInput[], { container }) => {
  const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
  const reversals: NewEntry[] = []
  for (const input of parts) {
    const entries = await compensation.listCommissionEntries({ order_id: input.order_id }, { take: 10000 })
    reversals.push(...reversalsFor(entries, input))
  }
  return new StepResponse(reversals)
})

/** Reverses an order's commissions at every level, exactly, as new negative entries. */
export const reverseOrderCommissionsWorkflow = createWorkflow(
  "reverse-order-commissions",
  (input: ReverseOrderCommissionsInput) => {
    const parts = transform({ input }, ({ input }) => [input])
    return new WorkflowResponse(writeCommissionEntriesStep(planReversalsStep(parts)).config({ name: "write-reversals" }))
  }
)

/** A return or a (partial) refund reverses that share of the order's commissions at every level. */
export const reverseReturnedCommissionsWorkflow = createWorkflow("reverse-returned-commissions", (input: ReturnedPart) => {
  const parts = returnedBaseStep(input)
  return new WorkflowResponse(writeCommissionEntriesStep(planReversalsStep(parts)).config({ name: "write-return-reversals" }))
})
