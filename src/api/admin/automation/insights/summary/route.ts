import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendSummary } from "../../../../../workflows/insights/send-automation-summary"
import { answerMissingChannel, answerSummaryNotSent } from "../../../../utils/service-unavailable"

/** Stores and sends the summary of the last period now (the weekly job does the same; once per period). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  try {
    res.json({ summary: await sendSummary(req.scope) })
  } catch (error) {
    if (!answerMissingChannel(error, res) && !answerSummaryNotSent(error, res)) throw error
  }
}
