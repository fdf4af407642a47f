import { createRemoteLinkStep, emitEventStep } from "@medusajs/medusa/core-flows"
import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PromoterEvents } from "../../lib/events"
import { PROMOTER_MODULE } from "../../modules/promoter"
import { createPromoterStep } from "./steps/create-promoter"
import { prepareEnrolmentStep, type EnrolPromoterInput } from "./steps/prepare-enrolment"

/**
 * Enrols a promoter: by an admin, or a customer enrolling themselves (customer_id). Emits promoter.enrolled,
 * promoter.recruited (for the sponsor) and promoter.activated (an active promoter gets the default coupon).
 */
export const enrolPromoterWorkflow = createWorkflow("enrol-promoter", (input: EnrolPromoterInput) => {
  const data = prepareEnrolmentStep(input)
  const promoter = createPromoterStep(data)

  when("link-customer", { input }, ({ input }) => !!input.customer_id).then(() => {
    const links = transform({ input, promoter }, ({ input, promoter }) => [
      {
        [PROMOTER_MODULE]: { promoter_id: promoter.id },
        [Modules.CUSTOMER]: { customer_id: input.customer_id! },
      },
    ])
    createRemoteLinkStep(links)
  })

  const events = transform({ promoter }, ({ promoter }) => ({
    enrolled: [{ id: promoter.id, sponsor_id: promoter.sponsor_id, status: promoter.status }],
    recruited: promoter.sponsor_id ? [{ id: promoter.sponsor_id, recruit_id: promoter.id }] : [],
    activated: promoter.status === "active" ? [{ id: promoter.id }] : [],
  }))
  emitEventStep({ eventName: PromoterEvents.ENROLLED, data: events.enrolled }).config({ name: "emit-enrolled" })
  emitEventStep({ eventName: PromoterEvents.RECRUITED, data: events.recruited }).config({ name: "emit-recruited" })
  emitEventStep({ eventName: PromoterEvents.ACTIVATED, data: events.activated }).config({ name: "emit-activated" })

  return new WorkflowResponse(promoter)
})
