import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { fitPredictions } from "../../../../../workflows/insights/utils/predictions"
import { clock } from "../../../../../lib/clock"

/** Fits the purchase model on the order history now (the daily job does the same), validates it, stores predictions. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ fit: await fitPredictions(req.scope, { now: clock.now() }) })
}
