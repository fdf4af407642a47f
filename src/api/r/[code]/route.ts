import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { redirectShortLink } from "../../utils/short-link"

/** The promoter's short link: 302 to the storefront with the referral code. Public (no publishable key). */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  await redirectShortLink(req, res)
}
