import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { clock } from "../../../lib/clock"
import { COMPENSATION_MODULE } from "../../../modules/compensation"
import { payoutProvider, type PayoutLineResult, type PayoutSendLine } from "../../../modules/compensation/providers"
import type CompensationModuleService from "../../../modules/compensation/service"
import type { PayoutLine } from "../../../modules/compensation/service"

export type PayoutToSend = {
  id: string
  provider_id: string
  currency_code: string
  lines: (PayoutLine & { idempotency_key: string })[]
}

/**
 * Records "sending" and each line's idempotency key BEFORE the provider is called. Not undone: once a call may have
 * reached the provider, only the provider can say what happened, so a failure after this step leaves the payout
 * processing, and executing it again asks or re-sends with the same keys.
 */
export const beginPayoutSendStep = createStep("begin-promoter-payout-send", async (input: { id: string }, { container }) => {
  const payout = await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).beginPayoutSend(input.id)
  return new StepResponse(payout as PayoutToSend)
})

export type SendOutcome = { results: PayoutLineResult[]; error: string | null }

/**
 * Calls the provider: lines still sending are sent (again, with the same keys: the provider dedupes), lines pending
 * at the provider are asked about. A provider that cannot tell what happened (unreachable, a timeout) leaves the
 * lines as they are, with the error to show.
 */
export const sendPayoutStep = createStep("send-promoter-payout", async (payout: PayoutToSend, { container }) => {
  const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
  const provider = payoutProvider({ id: payout.provider_id, options: compensation.getOptions(), container })
  const methods = new Map((await compensation.payoutMethodsOf(payout.lines.map((l) => l.promoter_id))).map((m) => [m.promoter_id, m]))
  const results: PayoutLineResult[] = []
  const toSend: PayoutSendLine[] = []
  try {
    for (const line of payout.lines) {
      const method = methods.get(line.promoter_id)
      if (line.status === "pending") {
        const answer = await provider.status({ reference: line.reference, idempotency_key: line.idempotency_key, promoter_id: line.promoter_id, payout_id: payout.id })
        if (answer) results.push(answer)
        continue
      }
      if (payout.provider_id !== "manual" && method?.provider_id !== payout.provider_id) {
        results.push({ promoter_id: line.promoter_id, status: "failed", reference: null, error: `The promoter has no ${payout.provider_id} payout method` })
        continue
      }
      toSend.push({
        promoter_id: line.promoter_id,
        amount: line.amount,
        currency_code: payout.currency_code,
        details: (method?.details ?? {}) as Record<string, unknown>,
        idempotency_key: line.idempotency_key,
      })
    }
    if (toSend.length) results.push(...(await provider.send({ payout_id: payout.id, lines: toSend })))
    return new StepResponse<SendOutcome>({ results, error: null })
  } catch (error) {
    return new StepResponse<SendOutcome>({ results, error: `${payout.provider_id}: ${(error as Error).message}` })
  }
})

/** Records the provider's answers (idempotent: only lines still sending or pending change). */
export const recordPayoutResultsStep = createStep(
  "record-promoter-payout-results",
  async (input: { id: string; outcome: SendOutcome }, { container }) => {
    const payout = await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).recordPayoutResults({
      id: input.id,
      results: input.outcome.results,
      error: input.outcome.error,
      now: clock.now(),
    })
    return new StepResponse(payout)
  }
)
