import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PromoterEvents } from "../lib/events"
import { COMPENSATION_MODULE } from "../modules/compensation"
import type CompensationModuleService from "../modules/compensation/service"

type TierChanged = {
  id: string
  from: string | null
  to: string | null
  reason?: "admin" | "rule" | "qualification"
  period_key?: string | null
  figures?: Record<string, unknown> | null
}

/** Every tier change lands in the promoter's tier history, with its reason and figures. */
export default async function recordTierChange({ event, container }: SubscriberArgs<TierChanged>) {
  const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
  const d = event.data
  if (d.period_key) {
    const [existing] = await compensation.listTierChanges({ promoter_id: d.id, period_key: d.period_key })
    if (existing) return
  }
  await compensation.createTierChanges({
    promoter_id: d.id,
    from_tier_id: d.from,
    to_tier_id: d.to,
    reason: d.reason ?? "admin",
    period_key: d.period_key ?? null,
    figures: d.figures ?? null,
  })
}

export const config: SubscriberConfig = { event: PromoterEvents.TIER_CHANGED }
