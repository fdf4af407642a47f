import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { proportionalReversal } from "../lib/compensation/commissions"
import { addDecimal, compareDecimal } from "../lib/rules-engine/decimal"
import { COMPENSATION_MODULE } from "../modules/compensation"
import type CompensationModuleService from "../modules/compensation/service"
import type { NewEntry } from "../modules/compensation/service"
import { writeCommissionEntriesStep } from "./steps/write-commission-entries"

export type ReverseOrderCommissionsInput = {
  order_id: string
  /** Names the cause (a cancel, a return, a refund): reversals are keyed by (cause, entry). */
  reason_key: string
  /** For a partial return/refund: the returned part of the commission base. Absent = everything that is left. */
  returned_base?: string
}

const planReversalsStep = createStep("plan-commission-reversals", async (input: ReverseOrderCommissionsInput, { container }) => {
  const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
  const entries = await compensation.listCommissionEntries({ order_id: input.order_id }, { take: 10000 })
  const reversals: NewEntry[] = []
  for (const entry of entries.filter((e) => e.kind === "commission" && e.status !== "rejected")) {
    const amount = String(entry.amount)
    const alreadyReversed = entries
      .filter((r) => r.kind === "reversal" && r.reverses_entry_id === entry.id)
      .reduce((sum, r) => addDecimal(sum, String(r.amount)), "0")
    const remaining = addDecimal(amount, alreadyReversed) // reversals are negative
    if (compareDecimal(remaining, "0") <= 0) continue
    const share = input.returned_base
      ? proportionalReversal({ amount, returned: input.returned_base, base: String(entry.base), currency: entry.currency_code })
      : remaining
    const reverse = compareDecimal(share, remaining) > 0 ? remaining : share
    if (compareDecimal(reverse, "0") <= 0) continue
    reversals.push({
      source_key: `reversal:${input.reason_key}:${entry.id}`,
      kind: "reversal",
      // A reversal of a paid commission is payable at once (a negative balance carried into the next payout).
      status: entry.status === "paid" ? "approved" : entry.status === "approved" ? "approved" : "pending",
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
  return new StepResponse(reversals)
})

/** Reverses an order's commissions at every level, exactly, as new negative entries. */
export const reverseOrderCommissionsWorkflow = createWorkflow(
  "reverse-order-commissions",
  (input: ReverseOrderCommissionsInput) => new WorkflowResponse(writeCommissionEntriesStep(planReversalsStep(input)).config({ name: "write-reversals" }))
)
