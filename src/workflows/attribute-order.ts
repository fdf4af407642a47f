import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { decideAttribution } from "../lib/attribution/decide"
import { PromoterEvents } from "../lib/events"
import { gatherAttributionCandidatesStep } from "./steps/gather-attribution-candidates"
import { recordOrderAttributionStep } from "./steps/record-order-attribution"
import { useAttributionOptionsStep } from "./steps/use-attribution-options"

/**
 * Decides which promoter gets the credit for an order, by the configured precedence, and records it once with all
 * candidates. Emits promoter.order_attributed for a new attribution with a winner.
 */
export const attributeOrderWorkflow = createWorkflow("attribute-order", (input: { order_id: string }) => {
  const gathered = gatherAttributionCandidatesStep(input)
  const options = useAttributionOptionsStep()
  const result = when("order-found", { gathered }, ({ gathered }) => !!gathered).then(() => {
    const decision = transform({ gathered, options }, ({ gathered, options }) =>
      decideAttribution({
        candidates: gathered!.candidates,
        precedence: options.precedence,
        model: options.attributionModel,
        selfReferral: options.selfReferral,
        isSelf: (id) => gathered!.self_promoter_ids.includes(id),
      })
    )
    const facts = transform({ gathered }, ({ gathered }) => gathered!.facts)
    const recorded = recordOrderAttributionStep({ facts, decision })
    const events = transform({ recorded, decision, facts }, ({ recorded, decision, facts }) =>
      recorded.created && decision.promoter_id
        ? [
            {
              id: recorded.id,
              order_id: facts.order_id,
              promoter_id: decision.promoter_id,
              decided_by: decision.decided_by,
              self_referral: decision.self_referral,
              currency_code: facts.currency_code,
              total: facts.total,
            },
          ]
        : []
    )
    emitEventStep({ eventName: PromoterEvents.ORDER_ATTRIBUTED, data: events })
    return { decision, recorded }
  })
  return new WorkflowResponse(result)
})
