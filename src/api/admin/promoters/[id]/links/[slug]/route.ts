import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deletePromoterLinkWorkflow } from "../../../../../../workflows/promoter/delete-promoter-link"

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await deletePromoterLinkWorkflow(req.scope).run({
    input: { promoter_id: req.params.id, slug: req.params.slug },
  })
  res.json({ id: result, object: "promoter_link", deleted: true })
}
