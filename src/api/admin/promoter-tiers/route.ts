import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { savePromoterTierWorkflow } from "../../../workflows/promoter/save-promoter-tier"
import type { CreatePromoterTierType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const promoters = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const tiers = await promoters.listPromoterTiers({}, { order: { rank: "ASC" } })
  res.json({ tiers })
}

export const POST = async (req: AuthenticatedMedusaRequest<CreatePromoterTierType>, res: MedusaResponse) => {
  const { result } = await savePromoterTierWorkflow(req.scope).run({ input: req.validatedBody })
  // Read back: the created row carries an empty `promoters` collection, which no other tier answer has.
  res.status(201).json({ tier: await req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).retrievePromoterTier(result.id) })
}
