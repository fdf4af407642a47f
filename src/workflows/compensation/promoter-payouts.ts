import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PromoterEvents } from "../../lib/events"
import { createPayoutBatchStep, markPayoutPaidStep, type CreatePayoutInput, type MarkPayoutPaidInput } from "./steps/payout-batch"
import { beginPayoutSendStep, recordPayoutResultsStep, sendPayoutStep } from "./steps/payout-execution"

type PayoutRow = { id: string; currency_code: string; total: unknown; reference?: string | null; lines: unknown }
const payload = (p: PayoutRow) => ({
  id: p.id,
  currency_code: p.currency_code,
  total: String(p.total),
  reference: p.reference ?? null,
  promoter_ids: ((p.lines as { list?: { promoter_id: string }[] } | null)?.list ?? []).map((l) => l.promoter_id),
})

type FailedRow = PayoutRow & { status: string; error?: string | null }
/** What promoter.payout_failed carries: the payout, its state, the error, and the lines the provider refused. */
const failedPayload = (p: FailedRow) => ({
  ...payload(p),
  status: p.status,
  error: p.error ?? null,
  failed: ((p.lines as { failed?: { promoter_id: string; amount: string; error?: string | null }[] } | null)?.failed ?? []).map((l) => ({
    promoter_id: l.promoter_id,
    amount: l.amount,
    error: l.error ?? null,
  })),
})

/** A payout batch for one currency and provider; emits promoter.payout_created. */
export const createPromoterPayoutWorkflow = createWorkflow("create-promoter-payout", (input: CreatePayoutInput) => {
  const payout = createPayoutBatchStep(input)
  emitEventStep({ eventName: PromoterEvents.PAYOUT_CREATED, data: transform({ payout }, ({ payout }) => payload(payout as PayoutRow)) })
  return new WorkflowResponse(payout)
})

/** Marks a manual payout paid, once; emits promoter.payout_paid. */
export const markPromoterPayoutPaidWorkflow = createWorkflow("mark-promoter-payout-paid", (input: MarkPayoutPaidInput) => {
  const payout = markPayoutPaidStep(input)
  emitEventStep({ eventName: PromoterEvents.PAYOUT_PAID, data: transform({ payout }, ({ payout }) => payload(payout as PayoutRow)) })
  return new WorkflowResponse(payout)
})

/**
 * Executes (or retries) a payout through its provider: "sending" with the idempotency keys is recorded first, then
 * the provider is called, then its answers are recorded. A crash or a redelivery anywhere in between is resolved by
 * running it again: the same keys reach the provider, which pays each line once. Emits promoter.payout_paid when the
 * payout settles with something paid, promoter.payout_failed when a line (or all) was refused.
 */
export const executePromoterPayoutWorkflow = createWorkflow("execute-promoter-payout", (input: { id: string }) => {
  const sending = beginPayoutSendStep(input)
  const outcome = sendPayoutStep(sending)
  const payout = recordPayoutResultsStep({ id: input.id, outcome })
  when({ payout }, ({ payout }) => payout.status === "paid" || payout.status === "partially_failed").then(() => {
    emitEventStep({ eventName: PromoterEvents.PAYOUT_PAID, data: transform({ payout }, ({ payout }) => payload(payout as PayoutRow)) }).config({
      name: "emit-promoter-payout-settled",
    })
  })
  when("payout-failed", { payout }, ({ payout }) => payout.status === "failed" || payout.status === "partially_failed").then(() => {
    emitEventStep({ eventName: PromoterEvents.PAYOUT_FAILED, data: transform({ payout }, ({ payout }) => failedPayload(payout as FailedRow)) }).config({
      name: "emit-promoter-payout-failed",
    })
  })
  return new WorkflowResponse(payout)
})
