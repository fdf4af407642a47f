import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PromoterEvents } from "../../lib/events"
import { approveDueCommissionsStep, decideCommissionStep, type DecideCommissionInput } from "./steps/decide-commissions"
import type { DecidedEntry } from "../../modules/compensation/service"

const payloads = (entries: DecidedEntry[]) =>
  entries.map(({ id, kind, promoter_id, order_id, amount, currency_code }) => ({ id, kind, promoter_id, order_id, amount, currency_code }))

/**
 * Approves or rejects a pending ledger entry (its pending reversals follow it) and emits
 * promoter.commission_approved / promoter.commission_rejected for each entry decided.
 */
export const decidePromoterCommissionWorkflow = createWorkflow("decide-promoter-commission", (input: DecideCommissionInput) => {
  const decided = decideCommissionStep(input)
  const event = transform({ input, decided }, ({ input, decided }) => ({
    eventName: input.status === "approved" ? PromoterEvents.COMMISSION_APPROVED : PromoterEvents.COMMISSION_REJECTED,
    data: payloads(decided),
  }))
  emitEventStep(event)
  return new WorkflowResponse(decided)
})

/** The hourly approval: entries whose hold has passed become approved; promoter.commission_approved for each. */
export const approveDueCommissionsWorkflow = createWorkflow("approve-due-promoter-commissions", (input: { now: Date }) => {
  const approved = approveDueCommissionsStep(input)
  emitEventStep({ eventName: PromoterEvents.COMMISSION_APPROVED, data: transform({ approved }, ({ approved }) => payloads(approved)) })
  return new WorkflowResponse(approved)
})
