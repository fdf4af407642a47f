import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updatePromoterWorkflow } from "../../../../workflows/promoter/update-promoter"
import { retrievePromoterDetail } from "../../../utils/promoter-detail"
import type { AdminUpdatePromoterType } from "../../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ promoter: await retrievePromoterDetail(req, req.params.id) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdatePromoterType>, res: MedusaResponse) => {
  await retrievePromoterDetail(req, req.params.id)
  await updatePromoterWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id } })
  res.json({ promoter: await retrievePromoterDetail(req, req.params.id) })
}
