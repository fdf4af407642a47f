import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendSummary } from "../../../../../insights/summary"

/** Stores and sends the summary of the last period now (the weekly job does the same; once per period). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ summary: await sendSummary(req.scope) })
}
