import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buildRedirectUrl, shortLinkUrl } from "../../lib/short-links"
import { qrEtag, renderQr } from "../../lib/qr"
import { PROMOTER_MODULE } from "../../modules/promoter"
import type PromoterModuleService from "../../modules/promoter/service"
import type { QrQueryType } from "../validators"
import { isOverRateLimit } from "./rate-limit"
import { attributionService, isCountable, setVisitorCookie, touchFromRequest } from "./visitor"

const MAX_CODE = 64

/** Too long, or holding a NUL (which PostgreSQL text cannot hold): no promoter has such a code or link. */
const plausible = (text: string) => text.length <= MAX_CODE && !text.includes("\u0000")

/**
 * Where /r/:code[/:slug] sends a visitor. Unknown or inactive codes go to the configured storefront path with no
 * referral; an unknown slug of a known code goes to the storefront home with the referral. `url` takes the signed
 * visitor token the redirect hands to the storefront.
 */
export async function resolveShortLink(req: MedusaRequest, code: string, slug?: string) {
  const promoters = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const options = promoters.getOptions()
  const hosts = { storefrontUrl: options.storefrontUrl, allowedHosts: options.allowedStorefrontHosts }
  const query = req.query as Record<string, unknown>
  const { promoter, link } = plausible(code)
    ? await promoters.shortLinkTarget(code, slug && plausible(slug) ? slug : undefined)
    : { promoter: null, link: null }
  if (!promoter || promoter.status !== "active") {
    return {
      promoter: null,
      link: null,
      url: () => buildRedirectUrl({ hosts, destination: options.unknownCodeRedirectPath, code: null, query }),
    }
  }
  return {
    promoter,
    link,
    url: (visitorToken: string) =>
      buildRedirectUrl({ hosts, destination: link?.destination_path ?? null, code: promoter.referral_code, visitorToken, query }),
  }
}

/** Answers a QR code image for a promoter's short link, tagged ?ch=qr so scans are counted apart from clicks. */
export async function sendQr(req: MedusaRequest<unknown, QrQueryType>, res: MedusaResponse, slug?: string) {
  const promoters = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const { publicUrl } = promoters.getOptions()
  const code = req.params.code
  const { promoter, link } =
    plausible(code) && !slug?.includes("\u0000") ? await promoters.shortLinkTarget(code, slug) : { promoter: null, link: null }
  if (!promoter) {
    res.status(404).json({ type: "not_found", message: `No promoter has the code "${code.slice(0, MAX_CODE)}"` })
    return
  }
  if (slug && !link) {
    res.status(404).json({ type: "not_found", message: `Promoter ${promoter.referral_code} has no link "${slug}"` })
    return
  }
  const { format, size } = req.validatedQuery
  const text = `${shortLinkUrl({ publicUrl, code: promoter.referral_code, slug: slug?.toLowerCase() })}?ch=qr`
  const etag = qrEtag({ text, format, size })
  res.setHeader("ETag", etag)
  res.setHeader("Cache-Control", "public, max-age=86400")
  if (req.headers["if-none-match"] === etag) {
    res.status(304).end()
    return
  }
  const { body, contentType } = await renderQr({ text, format, size })
  res.setHeader("Content-Type", contentType)
  res.setHeader("Content-Disposition", `inline; filename="${promoter.referral_code}${slug ? `-${slug}` : ""}.${format}"`)
  res.status(200).send(body)
}

/**
 * Answers /r/:code[/:slug]: sets the signed visitor cookie, queues the touch (not for bots, link previews or HEAD
 * requests, nor past the per-IP redirect limit — these are redirected but not counted) and redirects with 302, the
 * cookie's value on the landing URL as `prm`. The touch never delays the redirect.
 */
export async function redirectShortLink(req: MedusaRequest, res: MedusaResponse, slug?: string) {
  const target = await resolveShortLink(req, req.params.code, slug)
  let location: string
  if (target.promoter) {
    const { promoter, link } = target
    const { visitorId, isNew, signed } = setVisitorCookie(req, res, promoter.referral_code)
    if (isCountable(req) && !isOverRateLimit(req)) {
      attributionService(req).enqueueTouch(
        touchFromRequest(req, { promoterId: promoter.id, linkId: link?.id ?? null, code: promoter.referral_code, visitorId, source: "link", newVisitor: isNew })
      )
    }
    location = target.url(signed)
  } else {
    location = target.url()
  }
  res.setHeader("Cache-Control", "no-store")
  res.redirect(302, location)
}
