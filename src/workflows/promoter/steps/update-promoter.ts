import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import type { PromoterSnapshot } from "./prepare-promoter-update"

type Changes = Partial<Omit<PromoterSnapshot, "id" | "sponsor_id">>

export const updatePromoterStep = createStep(
  "update-promoter",
  async ({ current, changes }: { current: PromoterSnapshot; changes: Changes }, { container }) => {
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    const updated = await promoters.updatePromoters({ id: current.id, ...changes })
    promoters.forgetShortLinks()
    const previous: Changes = {}
    for (const key of Object.keys(changes) as (keyof Changes)[]) {
      Object.assign(previous, { [key]: current[key] })
    }
    return new StepResponse(updated, { id: current.id, previous })
  },
  async (undo, { container }) => {
    if (!undo) return
    const promoters = container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    await promoters.updatePromoters({ id: undo.id, ...undo.previous })
  }
)
