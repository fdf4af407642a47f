import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { clock } from "../../lib/clock"
import { COMPENSATION_MODULE } from "../../modules/compensation"
import type CompensationModuleService from "../../modules/compensation/service"
import { createPromoterPayoutWorkflow } from "./promoter-payouts"

const service = (container: { resolve<T>(key: string): T }) => container.resolve<CompensationModuleService>(COMPENSATION_MODULE)

/** The open request and the provider of its promoter's method (manual without one). */
const readPayoutRequestStep = createStep("read-promoter-payout-request", async (input: { id: string }, { container }) => {
  const request = await service(container).retrievePayoutRequest(input.id)
  if (request.status !== "requested") throw new MedusaError(MedusaError.Types.CONFLICT, `Payout request ${input.id} is already decided`)
  const [method] = await service(container).payoutMethodsOf([request.promoter_id])
  return new StepResponse({ id: request.id, promoter_id: request.promoter_id, currency_code: request.currency_code, provider_id: method?.provider_id ?? "manual" })
})

/**
 * Records the decision, once: of two admins at once one wins, the other gets a 409 before anything else is written;
 * undone by opening the request again.
 */
const decidePayoutRequestStep = createStep(
  "decide-promoter-payout-request",
  async (input: { id: string; status: "approved" | "rejected" }, { container }) => {
    const request = await service(container).decidePayoutRequest({ ...input, payout_id: null, now: clock.now() })
    return new StepResponse(request, input.id)
  },
  async (id, { container }) => {
    if (id) await service(container).decidePayoutRequest({ id, status: "requested", payout_id: null, now: null })
  }
)

/** Notes the payout an approval made on its request (undone with the decision). */
const notePayoutOfRequestStep = createStep("note-promoter-payout-request-payout", async (input: { id: string; payout_id: string }, { container }) => {
  return new StepResponse(await service(container).notePayoutOfRequest(input))
})

/**
 * Approves a promoter's payout request: a payout of their approved balance now (any amount above zero), through
 * their method's provider, as a draft to send; the request records it. A decided request is a 409.
 */
export const approvePromoterPayoutRequestWorkflow = createWorkflow("approve-promoter-payout-request", (input: { id: string }) => {
  const request = readPayoutRequestStep(input)
  decidePayoutRequestStep({ id: input.id, status: "approved" })
  const payout = createPromoterPayoutWorkflow.runAsStep({
    input: transform({ request }, ({ request }) => ({ currency_code: request.currency_code, minimum: "0", provider_id: request.provider_id, promoter_id: request.promoter_id })),
  })
  const noted = notePayoutOfRequestStep(transform({ input, payout }, ({ input, payout }) => ({ id: input.id, payout_id: payout.id })))
  return new WorkflowResponse({ request: noted, payout })
})

/** Rejects a promoter's payout request, once. */
export const rejectPromoterPayoutRequestWorkflow = createWorkflow("reject-promoter-payout-request", (input: { id: string }) => {
  return new WorkflowResponse(decidePayoutRequestStep({ id: input.id, status: "rejected" }))
})
