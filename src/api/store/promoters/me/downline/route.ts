import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../../../../modules/promoter"
import type PromoterModuleService from "../../../../../modules/promoter/service"
import { currentPromoterId } from "../../../../utils/current-promoter"

/** The size of the logged-in promoter's downline (their team), per level: counts only, never who they are. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const promoterId = await currentPromoterId(req)
  const rows = await req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).downlineCounts(promoterId, { depth: 20 })
  const levels = new Map<number, { level: number; total: number; active: number }>()
  for (const r of rows) {
    const l = levels.get(r.level) ?? { level: r.level, total: 0, active: 0 }
    l.total += r.count
    if (r.status === "active") l.active += r.count
    levels.set(r.level, l)
  }
  const list = [...levels.values()].sort((a, b) => a.level - b.level)
  res.json({
    downline: {
      total: list.reduce((s, l) => s + l.total, 0),
      active: list.reduce((s, l) => s + l.active, 0),
      direct: list.find((l) => l.level === 1)?.total ?? 0,
      levels: list,
    },
  })
}
