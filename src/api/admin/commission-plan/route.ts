import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { compensationService } from "../../utils/compensation"
import type { UpdateCommissionPlanType } from "../../validators"
import { toJsonColumn } from "../../../lib/casts"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ plan: await compensationService(req).getPlan() })
}

export const POST = async (req: AuthenticatedMedusaRequest<UpdateCommissionPlanType>, res: MedusaResponse) => {
  const compensation = compensationService(req)
  const plan = await compensation.getPlan()
  const { default_rates_bps, minimum_payout, ...rest } = req.validatedBody
  const updated = await compensation.updateCommissionPlans({
    id: plan.id,
    ...rest,
    ...(default_rates_bps !== undefined ? { default_rates_bps: default_rates_bps ? toJsonColumn(default_rates_bps) : null } : {}),
    ...(minimum_payout !== undefined ? { minimum_payout } : {}),
  })
  res.json({ plan: updated })
}
