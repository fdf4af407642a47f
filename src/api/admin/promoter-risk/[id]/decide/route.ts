import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { clock } from "../../../../../lib/clock"
import { RISK_MODULE } from "../../../../../modules/risk"
import type RiskModuleService from "../../../../../modules/risk/service"
import { reviewPromoterRiskWorkflow } from "../../../../../workflows/compensation/review-promoter-risk"
import type { DecideRiskAssessmentType } from "../../../../validators"

/** Approves (the commissions go back to the normal hold) or rejects (they are rejected) a flagged order, once. */
export const POST = async (req: AuthenticatedMedusaRequest<DecideRiskAssessmentType>, res: MedusaResponse) => {
  const { decision, note } = req.validatedBody
  await reviewPromoterRiskWorkflow(req.scope).run({ input: { id: req.params.id, decision, note: note ?? null, now: clock.now() } })
  const [assessment] = await req.scope.resolve<RiskModuleService>(RISK_MODULE).listRiskAssessments({ id: req.params.id })
  res.json({ assessment: { ...assessment, score: Number(assessment.score), signals: (assessment.signals as { list?: unknown[] } | null)?.list ?? [] } })
}
