import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PromoterEvents } from "../../lib/events"
import { createPayoutBatchStep, markPayoutPaidStep, type CreatePayoutInput, type MarkPayoutPaidInput } from "./steps/payout-batch"

type PayoutRow = { id: string; currency_code: string; total: unknown; reference?: string | null; lines: unknown }
const payload = (p: PayoutRow) => ({
  id: p.id,
  currency_code: p.currency_code,
  total: String(p.total),
  reference: p.reference ?? null,
  promoter_ids: ((p.lines as { list?: { promoter_id: string }[] } | null)?.list ?? []).map((l) => l.promoter_id),
})

/** A payout batch for one currency; emits promoter.payout_created. */
export const createPromoterPayoutWorkflow = createWorkflow("create-promoter-payout", (input: CreatePayoutInput) => {
  const payout = createPayoutBatchStep(input)
  emitEventStep({ eventName: PromoterEvents.PAYOUT_CREATED, data: transform({ payout }, ({ payout }) => payload(payout as PayoutRow)) })
  return new WorkflowResponse(payout)
})

/** Marks a payout paid, once; emits promoter.payout_paid. */
export const markPromoterPayoutPaidWorkflow = createWorkflow("mark-promoter-payout-paid", (input: MarkPayoutPaidInput) => {
  const payout = markPayoutPaidStep(input)
  emitEventStep({ eventName: PromoterEvents.PAYOUT_PAID, data: transform({ payout }, ({ payout }) => payload(payout as PayoutRow)) })
  return new WorkflowResponse(payout)
})
