import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
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
 * lines as they are, with the error to show. Two executions of one payout at once (a double click, two processes)
 * take turns under a lock, so a provider that looks its key up before paying (store_credit) never pays twice.
 */
export const sendPayoutStep = createStep("send-promoter-payout", async (payout: PayoutToSend, { container }) => {
  const outcome = await container
    .resolve(Modules.LOCKING)
    .execute(`promoter-payout-send:${payout.id}`, () => sendLines(payout, container), { timeout: 120 })
  return new StepResponse<SendOutcome>(outcome)
})

async function sendLines(payout: PayoutToSend, container: { resolve<T>(key: string): T }): Promise<SendOutcome> {
  const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
  const provider = payoutProvider({ id: payout.provider_id, options: compensation.getOptions(), container })
  const ids = payout.lines.map((l) => l.promoter_id)
  const methods = new Map((await compensation.payoutMethodsOf(ids)).map((m) => [m.promoter_id, m]))
  const promoters = ids.length ? await container.resolve<PromoterModuleService>(PROMOTER_MODULE).listPromoters({ id: ids }, { select: ["id", "customer_id"] }) : []
  const customers = new Map(promoters.map((p) => [p.id, (p.customer_id as string | null) ?? null]))
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
        customer_id: customers.get(line.promoter_id) ?? null,
      })
    }
    if (toSend.length) results.push(...(await provider.send({ payout_id: payout.id, lines: toSend })))
    return { results, error: null }
  } catch (error) {
    return { results, error: `${payout.provider_id}: ${(error as Error).message}` }
  }
}

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
