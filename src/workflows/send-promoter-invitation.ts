import { sendNotificationsStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { shortLinkUrl } from "../lib/short-links"
import { DAY_MS } from "../lib/time"
import { ATTRIBUTION_MODULE, newTouch } from "../modules/attribution"
import type AttributionModuleService from "../modules/attribution/service"
import { PROMOTER_MODULE } from "../modules/promoter"
import type PromoterModuleService from "../modules/promoter/service"

export type SendPromoterInvitationInput = {
  promoter_id: string
  email: string
  name?: string
  message?: string
  slug?: string
}

export const PROMOTER_INVITATION_TEMPLATE = "promoter-invitation"

const prepareInvitationStep = createStep(
  "prepare-promoter-invitation",
  async (input: SendPromoterInvitationInput, { container }) => {
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const options = promoters.getOptions()
    const promoter = await promoters.retrievePromoter(input.promoter_id, { select: ["id", "name", "referral_code", "status"] })
    if (promoter.status !== "active") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Only active promoters can send invitations")
    }
    if (input.slug) {
      const [link] = await promoters.listPromoterLinks({ promoter_id: promoter.id, slug: input.slug.toLowerCase() })
      if (!link) throw new MedusaError(MedusaError.Types.NOT_FOUND, `You have no link "${input.slug}"`)
    }
    const sentToday = await attribution.listTouches(
      { promoter_id: promoter.id, source: "invitation", occurred_at: { $gte: new Date(Date.now() - DAY_MS) } },
      { select: ["id"], take: options.rateLimits.invitationsPerDay }
    )
    if (sentToday.length >= options.rateLimits.invitationsPerDay) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `You can send ${options.rateLimits.invitationsPerDay} invitations a day`)
    }
    const link = `${shortLinkUrl({ publicUrl: options.publicUrl, code: promoter.referral_code, slug: input.slug?.toLowerCase() })}?ch=email&utm_source=invitation&utm_medium=email`
    return new StepResponse({ promoter, link, email: input.email.toLowerCase(), name: input.name ?? null, message: input.message ?? null })
  }
)

const recordInvitationStep = createStep(
  "record-promoter-invitation",
  async (input: { promoter_id: string; code: string; email: string }, { container }) => {
    const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    await attribution.recordTouches([
      newTouch({
        promoter_id: input.promoter_id,
        code: input.code,
        channel: "email",
        source: "invitation",
        utm_source: "invitation",
        utm_medium: "email",
        email: input.email,
      }),
    ])
    return new StepResponse(true)
  }
)

/** A promoter invites someone by e-mail through the Notification module, with their tracked link. Counted as sent. */
export const sendPromoterInvitationWorkflow = createWorkflow(
  "send-promoter-invitation",
  (input: SendPromoterInvitationInput) => {
    const prepared = prepareInvitationStep(input)
    const notification = transform({ prepared }, ({ prepared }) => [
      {
        to: prepared.email,
        channel: "email",
        template: PROMOTER_INVITATION_TEMPLATE,
        trigger_type: "promoter.invitation",
        resource_id: prepared.promoter.id,
        resource_type: "promoter",
        data: {
          promoter_name: prepared.promoter.name,
          promoter_code: prepared.promoter.referral_code,
          invitee_name: prepared.name,
          message: prepared.message,
          link: prepared.link,
        },
      },
    ])
    sendNotificationsStep(notification)
    const record = transform({ prepared }, ({ prepared }) => ({
      promoter_id: prepared.promoter.id,
      code: prepared.promoter.referral_code,
      email: prepared.email,
    }))
    recordInvitationStep(record)
    return new WorkflowResponse(transform({ prepared }, ({ prepared }) => ({ to: prepared.email, link: prepared.link })))
  }
)
