import { sendNotificationsStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { INVITATIONS_USE, providerTemplate } from "../../utils/notification-channels"
import { assertNotificationChannel } from "../../utils/require-notification-channel"
import { shortLinkUrl } from "../../lib/short-links"
import { dayInZone } from "../../lib/time"
import { ATTRIBUTION_MODULE, newTouch } from "../../modules/attribution"
import type AttributionModuleService from "../../modules/attribution/service"
import { PROMOTER_MODULE } from "../../modules/promoter"
import type PromoterModuleService from "../../modules/promoter/service"
import { clock } from "../../lib/clock"

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
    const options = promoters.getOptions()
    const promoter = await promoters.retrievePromoter(input.promoter_id, { select: ["id", "name", "referral_code", "status"] })
    if (promoter.status !== "active") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "Only active promoters can send invitations")
    }
    if (input.slug) {
      const [link] = await promoters.listPromoterLinks({ promoter_id: promoter.id, slug: input.slug.toLowerCase() })
      if (!link) throw new MedusaError(MedusaError.Types.NOT_FOUND, `You have no link "${input.slug}"`)
    }
    const link = `${shortLinkUrl({ publicUrl: options.publicUrl, code: promoter.referral_code, slug: input.slug?.toLowerCase() })}?ch=email&utm_source=invitation&utm_medium=email`
    return new StepResponse({
      promoter,
      link,
      email: input.email.toLowerCase(),
      name: input.name ?? null,
      message: input.message ?? null,
      template: providerTemplate(options, PROMOTER_INVITATION_TEMPLATE),
    })
  }
)

/**
 * Refuses the invitation before a slot is taken or anything is written when the store has no e-mail provider
 * (Medusa's default set-up): the route answers 503 with what to configure. Reads only, so nothing to undo.
 */
const checkInvitationChannelStep = createStep("check-promoter-invitation-channel", async (_: void, { container }) => {
  assertNotificationChannel(container, { channel: "email", uses: [INVITATIONS_USE] })
  return new StepResponse(true)
})

/** Thrown when a promoter has sent `rateLimits.invitationsPerDay` invitations today; the route answers 429. */
export const INVITATION_LIMIT_CODE = "promoter_invitation_limit"

/**
 * Takes one of today's invitations (store time zone) from the promoter's counter row, in the database: concurrent
 * invitations cannot overrun the limit. Given back if a later step fails (the invitation was not sent).
 */
const takeInvitationSlotStep = createStep(
  "take-promoter-invitation-slot",
  async (input: { promoter_id: string }, { container }) => {
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    const { rateLimits, storeTimezone } = promoters.getOptions()
    const day = dayInZone(clock.wall(), storeTimezone)
    const taken = await promoters.takeInvitationSlot({ promoterId: input.promoter_id, day, limit: rateLimits.invitationsPerDay })
    if (!taken) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `You can send ${rateLimits.invitationsPerDay} invitations a day; try again tomorrow`,
        INVITATION_LIMIT_CODE
      )
    }
    return new StepResponse(true, { promoterId: input.promoter_id, day })
  },
  async (slot, { container }) => {
    if (!slot) return
    await container.resolve<PromoterModuleService>(PROMOTER_MODULE).returnInvitationSlot(slot)
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
    checkInvitationChannelStep()
    const prepared = prepareInvitationStep(input)
    takeInvitationSlotStep(transform({ prepared }, ({ prepared }) => ({ promoter_id: prepared.promoter.id })))
    const notification = transform({ prepared }, ({ prepared }) => [
      {
        to: prepared.email,
        channel: "email",
        template: prepared.template,
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
