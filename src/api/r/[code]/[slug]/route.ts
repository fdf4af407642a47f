import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveShortLink } from "../../../utils/short-link"

/** A promoter's named link, e.g. /r/JANE/tea → the tea page of the storefront. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const { url } = await resolveShortLink(req, req.params.code, req.params.slug)
  res.setHeader("Cache-Control", "no-store")
  res.redirect(302, url)
}
