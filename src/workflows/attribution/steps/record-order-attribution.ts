import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Decision } from "../../../lib/attribution/decide"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import type { OrderFacts } from "./gather-attribution-candidates"

/** Writes the one attribution of the order (a redelivered event finds it and changes nothing). */
export const recordOrderAttributionStep = createStep(
  "record-order-attribution",
  async ({ facts, decision }: { facts: OrderFacts; decision: Decision }, { container }) => {
    const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const result = await attribution.recordOrderAttribution({
      order_id: facts.order_id,
      promoter_id: decision.promoter_id,
      decided_by: decision.decided_by,
      winning_touch_id: decision.winner?.touch_id ?? null,
      channel: decision.winner ? decision.winner.channel ?? decision.decided_by : null,
      self_referral: decision.self_referral,
      customer_id: facts.customer_id,
      email: facts.email,
      currency_code: facts.currency_code,
      order_total: facts.total,
      volume: facts.volume,
      candidates: decision.candidates,
      placed_at: new Date(facts.placed_at),
    })
    return new StepResponse(result)
  }
)
