import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resolveShortLink } from "../../utils/short-link"

/** The promoter's short link: 302 to the storefront with the referral code. Public (no publishable key). */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const { url } = await resolveShortLink(req, req.params.code)
  res.setHeader("Cache-Control", "no-store")
  res.redirect(302, url)
}
