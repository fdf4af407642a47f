import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomBytes } from "node:crypto"
import { portalCsp, renderPortalPage } from "../../lib/portal/page"
import { PROMOTER_MODULE } from "../../modules/promoter"
import type PromoterModuleService from "../../modules/promoter/service"
import { portalPublishableKey } from "../utils/portal"

/**
 * The promoter portal: one HTML page where a promoter logs in with their shop (customer) account and sees their own
 * numbers, links, QR codes, coupons, goals and team. Public (no publishable key needed to load it); everything it
 * shows comes from /store/promoters/me*, which only ever answers about the logged-in customer.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const options = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).getOptions()
  if (!options.portal.enabled) {
    res.status(404).json({ type: "not_found", message: "The promoter portal is turned off" })
    return
  }
  const nonce = randomBytes(18).toString("base64")
  const html = renderPortalPage({
    nonce,
    accentColor: options.portal.accentColor,
    config: {
      title: options.portal.title,
      publishableKey: await portalPublishableKey(req),
      storefrontUrl: options.storefrontUrl,
    },
  })
  res.setHeader("Content-Type", "text/html; charset=utf-8")
  res.setHeader("Content-Security-Policy", portalCsp(nonce))
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("X-Content-Type-Options", "nosniff")
  res.setHeader("X-Frame-Options", "DENY")
  res.setHeader("Referrer-Policy", "no-referrer")
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
  res.status(200).send(html)
}
