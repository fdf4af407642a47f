import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMPENSATION_MODULE } from "../../../modules/compensation"
import { payoutProvider } from "../../../modules/compensation/providers"
import type CompensationModuleService from "../../../modules/compensation/service"

export type CreatePayoutInput = {
  currency_code: string
  /** Defaults to the plan's minimum payout for the currency. */
  minimum?: string
  /** The provider it pays through: the promoters whose payout method is that provider's (default manual). */
  provider_id?: string
  /** Only this promoter's balance (an approved payout request). */
  promoter_id?: string
}

/**
 * A payout batch of the approved balances at or above the minimum, in one currency (the entries locked, the lines
 * summed from exactly those rows); undone by detaching its entries and removing it while it is still a draft.
 */
export const createPayoutBatchStep = createStep(
  "create-promoter-payout-batch",
  async (input: CreatePayoutInput, { container }) => {
    const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
    const currency = input.currency_code.toLowerCase()
    const plan = await compensation.getPlan()
    const minimum = input.minimum ?? ((plan.minimum_payout as Record<string, string> | null)?.[currency] ?? "0")
    const provider_id = input.provider_id ?? "manual"
    // Refuses a provider the store has not configured (400) before anything is written.
    payoutProvider({ id: provider_id, options: compensation.getOptions(), container })
    const created = await compensation.createPayoutBatch({ currency, minimum, provider_id, promoter_id: input.promoter_id })
    if (!created) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `No approved ${currency} balance reaches ${minimum}`)
    // Read back: the row as created lacks the columns the database filled in (status, timestamps).
    const payout = await compensation.retrievePayout(created.id)
    return new StepResponse(payout, payout.id)
  },
  async (id, { container }) => {
    if (id) await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).cancelPayoutBatch(id)
  }
)

export type MarkPayoutPaidInput = { id: string; reference: string | null; /** The plugin's clock. */ now: Date }

/** Marks a manual payout and its entries paid, once (a second call is a conflict); undone by reopening it. */
export const markPayoutPaidStep = createStep(
  "mark-promoter-payout-paid",
  async (input: MarkPayoutPaidInput, { container }) => {
    const payout = await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).markPayoutPaid(input)
    return new StepResponse(payout, payout.id)
  },
  async (id, { container }) => {
    if (id) await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).reopenPayout(id)
  }
)
