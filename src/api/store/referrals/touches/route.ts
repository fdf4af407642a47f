import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { PROMOTER_MODULE } from "../../../../modules/promoter"
import type PromoterModuleService from "../../../../modules/promoter/service"
import { personOfTouch, touchAuthority, visitorOfTouch } from "../../../utils/touch-authority"
import { attributionService, touchFromRequest } from "../../../utils/visitor"
import type { StoreRecordTouchType } from "../../../validators"

/**
 * Touches from apps, social integrations and shop tills: a mobile deep link, a promoter code typed at the till.
 * Written at once (not queued), so the caller knows it counted. Only a touch key's holder or the logged-in customer
 * (about themselves) may name a person; anonymous callers record a visitor (touchAuthority), their own unless they
 * hold its signed token (visitorOfTouch).
 */
export const POST = async (req: AuthenticatedMedusaRequest<StoreRecordTouchType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const authority = await touchAuthority(req)
  const person = personOfTouch(authority, body.email)
  if (!body.visitor_id && !person.email && !person.customerId) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Give a visitor_id or an email, or call as a logged-in customer")
  }
  const promoters = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const { promoter, link } = await promoters.shortLinkTarget(body.code, body.slug)
  if (!promoter) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No promoter has the code "${body.code}"`)
  if (promoter.status !== "active") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `The promoter code "${body.code}" is not active`)
  }
  if (body.slug && !link) throw new MedusaError(MedusaError.Types.NOT_FOUND, `No link "${body.slug}" for ${promoter.referral_code}`)
  const touch = touchFromRequest(req, {
    promoterId: promoter.id,
    linkId: link?.id ?? null,
    code: promoter.referral_code,
    visitorId: visitorOfTouch(req, authority, body.visitor_id),
    source: "api",
    channel: body.channel,
    customerId: person.customerId,
    email: person.email,
  })
  Object.assign(touch, {
    utm_source: body.utm_source ?? null,
    utm_medium: body.utm_medium ?? null,
    utm_campaign: body.utm_campaign ?? null,
  })
  await attributionService(req).recordTouches([touch])
  res.status(201).json({
    touch: { promoter_code: promoter.referral_code, channel: touch.channel, visitor_id: touch.visitor_id, occurred_at: touch.occurred_at },
  })
}
