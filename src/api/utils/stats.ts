import type { MedusaRequest } from "@medusajs/framework/http"
import { DAY_MS } from "../../lib/time"
import type { StatsQueryType } from "../validators"
import { attributionService } from "./visitor"

/** Dashboard numbers of one promoter; the default range is the last 30 days. */
export async function promoterStats(req: MedusaRequest<unknown, StatsQueryType>, promoterId: string) {
  const { from, to, granularity } = req.validatedQuery
  const end = to ?? new Date()
  const start = from ?? new Date(end.getTime() - 29 * DAY_MS)
  return await attributionService(req).statsFor({ promoterId, from: start, to: end, granularity })
}
