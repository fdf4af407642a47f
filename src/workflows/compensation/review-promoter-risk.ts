import { emitEventStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { clock } from "../../lib/clock"
import { PromoterEvents } from "../../lib/events"
import { COMPENSATION_MODULE } from "../../modules/compensation"
import type CompensationModuleService from "../../modules/compensation/service"
import type { DecidedEntry } from "../../modules/compensation/service"
import { RISK_MODULE } from "../../modules/risk"
import type RiskModuleService from "../../modules/risk/service"

export type ReviewRiskInput = { id: string; decision: "approved" | "rejected"; note: string | null; now: Date }

type Decided = { id: string; order_id: string | null; promoter_id: string }

/** The review of a pending assessment, once (a decided one is refused); undone: pending again. */
export const decideRiskAssessmentStep = createStep(
  "decide-promoter-risk-assessment",
  async (input: ReviewRiskInput, { container }) => {
    const risk = container.resolve<RiskModuleService>(RISK_MODULE)
    const decided = await risk.decideAssessment({ id: input.id, review: input.decision, note: input.note, now: new Date(input.now) })
    if (!decided) {
      const [existing] = await risk.listRiskAssessments({ id: input.id }, { select: ["id", "review"] })
      if (!existing) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Risk assessment with id: ${input.id} was not found`)
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Only assessments pending review can be decided; this one is ${existing.review}`)
    }
    return new StepResponse<Decided, string>(decided, decided.id)
  },
  async (id, { container }) => {
    if (id) await container.resolve<RiskModuleService>(RISK_MODULE).decideAssessment({ id, review: "pending", note: null, now: clock.wall() })
  }
)

/** Approved: the order's commissions held for risk go back to the normal hold (approved when it passes); undone: held again. */
export const releaseRiskHoldStep = createStep(
  "release-promoter-risk-hold",
  async (orderId: string, { container }) => {
    const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
    const ids = await compensation.heldEntriesOfOrder({ orderId, reason: "risk" })
    await compensation.setHoldReason({ ids, reason: null })
    return new StepResponse(ids, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).setHoldReason({ ids, reason: "risk" })
  }
)

/** Rejected: the order's commissions held for risk are rejected (never paid); undone: pending and held again. */
export const rejectRiskHeldEntriesStep = createStep(
  "reject-promoter-risk-held-entries",
  async (orderId: string, { container }) => {
    const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
    const decided: DecidedEntry[] = []
    for (const id of await compensation.heldEntriesOfOrder({ orderId, reason: "risk" })) {
      decided.push(...((await compensation.decideEntry({ id, status: "rejected" })) ?? []))
    }
    return new StepResponse(decided, decided)
  },
  async (decided, { container }) => {
    if (decided?.length) await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).reopenEntries(decided)
  }
)

/**
 * An admin's review of a flagged order: approved releases its commissions to the normal hold, rejected rejects them
 * (promoter.commission_rejected for each). Decided once.
 */
export const reviewPromoterRiskWorkflow = createWorkflow("review-promoter-risk", (input: ReviewRiskInput) => {
  const decided = decideRiskAssessmentStep(input)
  const orderId = transform({ decided }, ({ decided }) => decided.order_id)
  when("approved-order", { input, orderId }, ({ input, orderId }) => input.decision === "approved" && !!orderId).then(() => {
    releaseRiskHoldStep(orderId as unknown as string)
  })
  const rejected = when("rejected-order", { input, orderId }, ({ input, orderId }) => input.decision === "rejected" && !!orderId).then(() =>
    rejectRiskHeldEntriesStep(orderId as unknown as string)
  )
  const events = transform({ rejected }, ({ rejected }) =>
    (rejected ?? []).map(({ id, kind, promoter_id, order_id, amount, currency_code }) => ({ id, kind, promoter_id, order_id, amount, currency_code }))
  )
  emitEventStep({ eventName: PromoterEvents.COMMISSION_REJECTED, data: events })
  return new WorkflowResponse(decided)
})
