import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { savePromoterTierWorkflow } from "../../../../workflows/save-promoter-tier"
import type { UpdatePromoterTierType } from "../../../validators"

export const POST = async (req: AuthenticatedMedusaRequest<UpdatePromoterTierType>, res: MedusaResponse) => {
  const { result } = await savePromoterTierWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id } })
  res.json({ tier: result })
}
