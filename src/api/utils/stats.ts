import type { MedusaRequest } from "@medusajs/framework/http"
import { DAY_MS } from "../../lib/time"
import type { StatsQueryType } from "../validators"
import { compensationService } from "./compensation"
import { attributionService } from "./visitor"
import { clock } from "../../lib/clock"

/** Dashboard numbers of one promoter; the default range is the last 30 days. */
export async function promoterStats(req: MedusaRequest<unknown, StatsQueryType>, promoterId: string) {
  const { from, to, granularity } = req.validatedQuery
  const end = to ?? clock.wall()
  const start = from ?? new Date(end.getTime() - 29 * DAY_MS)
  const [stats, income] = await Promise.all([
    attributionService(req).statsFor({ promoterId, from: start, to: end, granularity }),
    // Income is the ledger's balance (all time): pending (in the hold period), approved (payable), paid.
    compensationService(req).balances({ promoterId }),
  ])
  return { ...stats, income: income.map(({ currency_code, pending, approved, paid }) => ({ currency_code, pending, approved, paid })) }
}
