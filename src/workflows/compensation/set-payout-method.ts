import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { COMPENSATION_MODULE } from "../../modules/compensation"
import { payoutMethodView, payoutProvider } from "../../modules/compensation/providers"
import type CompensationModuleService from "../../modules/compensation/service"

export type SetPayoutMethodInput = { promoter_id: string; provider_id: string; details: Record<string, unknown> }

/**
 * Validates the details with the method's provider (a 400 naming the field; nothing written) and saves the
 * promoter's one method; undone by putting back the method it replaced. Answers the method without its secrets.
 */
const setPayoutMethodStep = createStep(
  "set-promoter-payout-method",
  async (input: SetPayoutMethodInput, { container }) => {
    const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
    const provider = payoutProvider({ id: input.provider_id, options: compensation.getOptions(), container })
    const { details } = provider.validateDetails(input.details)
    const [before] = await compensation.payoutMethodsOf([input.promoter_id])
    const method = await compensation.setPayoutMethod({ promoter_id: input.promoter_id, provider_id: provider.id, details })
    return new StepResponse(payoutMethodView(method, provider), {
      promoter_id: input.promoter_id,
      before: before ? { provider_id: before.provider_id, details: before.details as Record<string, unknown> } : null,
      id: method.id,
    })
  },
  async (undo, { container }) => {
    if (!undo) return
    const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
    if (undo.before) await compensation.setPayoutMethod({ promoter_id: undo.promoter_id, ...undo.before })
    else await compensation.deletePayoutMethods(undo.id)
  }
)

export const setPromoterPayoutMethodWorkflow = createWorkflow("set-promoter-payout-method", (input: SetPayoutMethodInput) => {
  return new WorkflowResponse(setPayoutMethodStep(input))
})
