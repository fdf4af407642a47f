import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { decideAttribution } from "../../lib/attribution/decide"
import { PromoterEvents } from "../../lib/events"
import { gatherAttributionCandidatesStep } from "./steps/gather-attribution-candidates"
import { recordOrderAttributionStep } from "./steps/record-order-attribution"
import { useAttributionOptionsStep } from "./steps/use-attribution-options"

/**
 * Decides which promoter gets the credit for an order, by the configured precedence, and records it once with all
 * candidates. Emits promoter.order_attributed whenever the order's attribution has a winner (again on redelivery).
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
    // Announced from the stored attribution, also when it existed already: a worker that died after writing it but
    // before its events left would otherwise leave the order without commissions and rule actions. What listens is
    // idempotent (ledger source keys; rules fire once per identical event), so a repeat changes nothing.
    const events = transform({ recorded, facts }, ({ recorded, facts }) =>
      recorded.promoter_id
        ? [
            {
              id: recorded.id,
              order_id: facts.order_id,
              promoter_id: recorded.promoter_id,
              // What the order's listeners need, so they do not read the order again.
              customer_id: facts.customer_id,
              decided_by: recorded.decided_by,
              self_referral: recorded.self_referral,
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
