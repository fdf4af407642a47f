import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { savePromoterLinkWorkflow } from "../../../../../workflows/promoter/save-promoter-link"
import { retrievePromoterDetail } from "../../../../utils/promoter-detail"
import { linkWithUrls } from "../../../../utils/share"
import type { SavePromoterLinkType } from "../../../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const promoter = await retrievePromoterDetail(req, req.params.id)
  res.json({ links: promoter.links ?? [] })
}

export const POST = async (req: AuthenticatedMedusaRequest<SavePromoterLinkType>, res: MedusaResponse) => {
  const promoter = await retrievePromoterDetail(req, req.params.id)
  const { result } = await savePromoterLinkWorkflow(req.scope).run({
    input: { ...req.validatedBody, promoter_id: promoter.id },
  })
  res.status(201).json({ link: linkWithUrls(req, promoter.referral_code, result) })
}
