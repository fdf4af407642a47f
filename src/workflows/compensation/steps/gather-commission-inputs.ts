import { ITEMS_BASE_FIELDS, itemsAfterDiscounts, SHIPPING_BASE_FIELDS, shippingAfterDiscounts } from "../../../lib/compensation/items-base"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { addDecimal } from "../../../lib/money"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { UplineMember } from "../../../lib/compensation/commissions"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import { COMPENSATION_MODULE } from "../../../modules/compensation"
import type CompensationModuleService from "../../../modules/compensation/service"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { fromJsonColumn } from "../../../lib/casts"
import { clock } from "../../../lib/clock"

/** The order's commission base (exact, excluding tax), the plan, and the credited promoter's chain upwards with tiers. */
export const gatherCommissionInputsStep = createStep(
  "gather-commission-inputs",
  async ({ order_id, promoter_id }: { order_id: string; promoter_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    const plan = await compensation.getPlan()
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "currency_code", ...ITEMS_BASE_FIELDS, ...SHIPPING_BASE_FIELDS],
      filters: { id: order_id },
    })
    const order = data[0]
    if (!order) return new StepResponse(null)
    let base = itemsAfterDiscounts(order)
    if (plan.base === "items_after_discounts_with_shipping") base = addDecimal(base, shippingAfterDiscounts(order))
    // Compression may skip inactive sponsors, so the chain reaches further up than the plan's depth.
    const members = await promoters.commissionChain(promoter_id, { maxDepth: Math.max(plan.max_depth * 4, 20) })
    const defaults = (fromJsonColumn<number[] | null>(plan.default_rates_bps) ?? []).map(Number)
    const chain: UplineMember[] = members.map((m) => ({ ...m, rates_bps: m.rates_bps ?? defaults }))
    const [attributed] = await container
      .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
      .listOrderAttributions({ order_id }, { select: ["self_referral"] })
    return new StepResponse({
      order_id,
      currency: order.currency_code,
      base,
      chain,
      plan: { max_depth: plan.max_depth, compression: plan.compression, hold_days: plan.hold_days },
      self_referral: !!attributed?.self_referral,
      // The hold starts on the plugin's clock (the one approval reads).
      now: clock.now().toISOString(),
    })
  }
)
