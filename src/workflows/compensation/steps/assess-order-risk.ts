import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { assessOrderRisk, type RiskSignal } from "../../../lib/risk"
import { RISK_MODULE } from "../../../modules/risk"
import type RiskModuleService from "../../../modules/risk/service"
import { orderRiskFigures } from "../../../read-models/risk"

export type AssessOrderRiskInput = { order_id: string; promoter_id: string; self_referral: boolean; now: string } | null

export type OrderRisk = { id: string; flagged: boolean; created: boolean; score: number; signals: RiskSignal[] } | null

/**
 * The attributed order's risk assessment, before its commissions are written: the figures (one statement), the
 * signals, the score, stored once per order (a redelivery finds the first one). Undone: the assessment this run wrote.
 */
export const assessOrderRiskStep = createStep(
  "assess-promoter-order-risk",
  async (input: AssessOrderRiskInput, { container }) => {
    const risk = container.resolve<RiskModuleService>(RISK_MODULE)
    if (!input || !risk.getOptions().risk.enabled) return new StepResponse<OrderRisk, string | null>(null, null)
    // A redelivery finds the order assessed: the figures are not gathered again.
    const [assessed] = await risk.listRiskAssessments({ subject_type: "order", subject_key: input.order_id }, { select: ["id", "flagged", "score", "signals"] })
    if (assessed) {
      const signals = ((assessed.signals as { list?: RiskSignal[] } | null)?.list ?? []) as RiskSignal[]
      return new StepResponse<OrderRisk, string | null>({ id: assessed.id, flagged: assessed.flagged, created: false, score: Number(assessed.score), signals }, null)
    }
    const thresholds = risk.thresholds()
    const { data } = await container
      .resolve(ContainerRegistrationKeys.QUERY)
      .graph({ entity: "promoter", fields: ["id", "customer.id"], filters: { id: input.promoter_id } })
    const promoterCustomerId = (data[0] as { customer?: { id?: string } | null } | undefined)?.customer?.id ?? null
    const figures = await orderRiskFigures(container, {
      orderId: input.order_id,
      promoterId: input.promoter_id,
      promoterCustomerId,
      now: new Date(input.now),
      windowDays: risk.getOptions().risk.windowDays,
      newAccountMinutes: thresholds.newAccountMinutes,
    })
    const assessment = assessOrderRisk({ ...figures, self_referral: input.self_referral }, thresholds)
    const recorded = await risk.recordAssessment({
      subject_type: "order",
      subject_key: input.order_id,
      promoter_id: input.promoter_id,
      order_id: input.order_id,
      assessment,
    })
    const result: OrderRisk = { ...recorded, score: assessment.score, signals: assessment.signals }
    return new StepResponse(result, recorded.created ? recorded.id : null)
  },
  async (createdId, { container }) => {
    if (createdId) await container.resolve<RiskModuleService>(RISK_MODULE).deleteRiskAssessments(createdId)
  }
)
