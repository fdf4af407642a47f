import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { DAY_MS, dayInZone } from "../../../../../lib/time"
import { PROMOTER_MODULE } from "../../../../../modules/promoter"
import type PromoterModuleService from "../../../../../modules/promoter/service"
import { compensationService } from "../../../../utils/compensation"
import { currentPromoterId } from "../../../../utils/current-promoter"
import type { StatsQueryType } from "../../../../validators"
import { clock } from "../../../../../lib/clock"

/**
 * The logged-in promoter's income over time: commissions and bonuses per day/week/month (same periods as the
 * dashboard stats) and currency, split by status now (pending / approved / paid), and the all-time totals.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, StatsQueryType>, res: MedusaResponse) => {
  const promoterId = await currentPromoterId(req)
  const { storeTimezone } = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).getOptions()
  const { from, to, granularity } = req.validatedQuery
  const end = to ?? clock.wall()
  const start = from ?? new Date(end.getTime() - 29 * DAY_MS)
  const range = { from: dayInZone(start, storeTimezone), to: dayInZone(end, storeTimezone), granularity }
  const compensation = compensationService(req)
  const [series, totals] = await Promise.all([
    compensation.incomeSeries({ promoterId, fromDay: range.from, toDay: range.to, granularity, timeZone: storeTimezone }),
    compensation.balances({ promoterId }),
  ])
  res.json({
    income: {
      range,
      series,
      totals: totals.map(({ currency_code, pending, approved, paid }) => ({ currency_code, pending, approved, paid })),
    },
  })
}
