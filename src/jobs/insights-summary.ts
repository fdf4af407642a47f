import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { sendSummary } from "../insights/summary"
import { pluginJob } from "../lib/scheduled-job"

/** The weekly summary for the store: stored, and sent to `insights.summaryRecipients` (once per period). */
export default pluginJob(async function insightsSummary(container: MedusaContainer) {
  await container.resolve(Modules.LOCKING).execute("insights:summary", () => sendSummary(container), { timeout: 5 })
})

export const config = { name: "promoter-insights-summary", schedule: "0 8 * * 1" }
