import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../../../modules/promoter"
import type PromoterModuleService from "../../../../modules/promoter/service"
import { savePromoterTierWorkflow } from "../../../../workflows/promoter/save-promoter-tier"
import type { UpdatePromoterTierType } from "../../../validators"

export const POST = async (req: AuthenticatedMedusaRequest<UpdatePromoterTierType>, res: MedusaResponse) => {
  const { result } = await savePromoterTierWorkflow(req.scope).run({ input: { ...req.validatedBody, id: req.params.id } })
  // Read back, so the answer is the tier as GET /admin/promoter-tiers lists it (no loaded relations).
  res.json({ tier: await req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).retrievePromoterTier(result.id) })
}
