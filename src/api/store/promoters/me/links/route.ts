import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { savePromoterLinkWorkflow } from "../../../../../workflows/promoter/save-promoter-link"
import { currentPromoterId } from "../../../../utils/current-promoter"
import { retrievePromoterDetail } from "../../../../utils/promoter-detail"
import { linkWithUrls } from "../../../../utils/share"
import type { SavePromoterLinkType } from "../../../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const promoter = await retrievePromoterDetail(req, await currentPromoterId(req))
  res.json({ share: promoter.share, links: promoter.links ?? [] })
}

export const POST = async (req: AuthenticatedMedusaRequest<SavePromoterLinkType>, res: MedusaResponse) => {
  const promoter = await retrievePromoterDetail(req, await currentPromoterId(req))
  const { result } = await savePromoterLinkWorkflow(req.scope).run({
    input: { ...req.validatedBody, promoter_id: promoter.id },
  })
  res.status(201).json({ link: linkWithUrls(req, promoter.referral_code, result) })
}
