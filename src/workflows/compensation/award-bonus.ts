import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { COMPENSATION_MODULE } from "../../modules/compensation"
import type CompensationModuleService from "../../modules/compensation/service"

export type AwardBonusInput = {
  /** The rule action's key (rule, subject, period, action): the bonus is written once per key. */
  unique_key: string
  promoter_id: string
  amount: string
  currency_code: string
  note: string | null
  /** The order that earned it: a cancel or full return of that order takes it back. */
  order_id: string | null
  hold_until: Date
  /** What earned it, for its review at the end of the hold: { rule_id, rule_version, definition, event }. */
  context: Record<string, unknown>
}

/**
 * The bonus's one record: an entry of kind "bonus" in the commission ledger, held like a commission. Written once per
 * key (the ledger's unique source key); undone only if this run wrote it.
 */
export const writeBonusEntryStep = createStep(
  "write-promoter-bonus-entry",
  async (input: AwardBonusInput, { container }) => {
    const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
    const [written] = await compensation.writeEntries([
      {
        source_key: `bonus:${input.unique_key}`,
        kind: "bonus",
        status: "pending",
        promoter_id: input.promoter_id,
        order_id: input.order_id,
        level: null,
        rate_bps: null,
        base: null,
        amount: input.amount,
        currency_code: input.currency_code,
        reverses_entry_id: null,
        hold_until: input.hold_until,
        note: input.note,
        context: input.context,
      },
    ])
    return new StepResponse({ id: written.id, created: written.created }, written.created ? written.id : null)
  },
  async (createdId, { container }) => {
    if (!createdId) return
    await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).deleteCommissionEntries(createdId)
  }
)

/** A rule's award_bonus action. */
export const awardBonusWorkflow = createWorkflow("award-promoter-bonus", (input: AwardBonusInput) => {
  const entry = writeBonusEntryStep(input)
  return new WorkflowResponse(entry)
})
