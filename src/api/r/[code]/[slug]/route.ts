import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { redirectShortLink } from "../../../utils/short-link"

/** A promoter's named link, e.g. /r/JANE/tea → the tea page of the storefront. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  await redirectShortLink(req, res, req.params.slug)
}
