import type { MedusaRequest } from "@medusajs/framework/http"
import { shortLinkUrl } from "../../lib/short-links"
import { PROMOTER_MODULE } from "../../modules/promoter"
import type PromoterModuleService from "../../modules/promoter/service"

type LinkRow = { slug: string; name: string; destination_path: string }
type PromoterRow = { referral_code: string; links?: LinkRow[] | null }

function urlsFor(publicUrl: string, code: string, slug?: string) {
  const short_link = shortLinkUrl({ publicUrl, code, slug })
  return { short_link, qr_png: `${short_link}/qr?format=png`, qr_svg: `${short_link}/qr?format=svg` }
}

/** Adds what a promoter shares: the short link, QR code URLs, and the same for each named link. */
export function withShareUrls<T extends PromoterRow>(req: MedusaRequest, promoter: T) {
  const { publicUrl } = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).getOptions()
  return {
    ...promoter,
    share: urlsFor(publicUrl, promoter.referral_code),
    ...(promoter.links
      ? {
          links: promoter.links.map((link) => ({
            ...link,
            ...urlsFor(publicUrl, promoter.referral_code, link.slug),
          })),
        }
      : {}),
  }
}

export function linkWithUrls(req: MedusaRequest, code: string, link: LinkRow) {
  const { publicUrl } = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).getOptions()
  return { ...link, ...urlsFor(publicUrl, code, link.slug) }
}
