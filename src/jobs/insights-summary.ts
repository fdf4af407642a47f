import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { sendSummary } from "../insights/summary"
import { windowRange } from "../lib/rules-engine"
import { pluginJob } from "../lib/scheduled-job"

export const config = { name: "promoter-insights-summary", schedule: "0 8 * * *" }

/**
 * The weekly summary for the store: stored, and sent to `insights.summaryRecipients`. Checked daily, sent once per
 * calendar week (on Monday, or the first day the store runs after it).
 */
export default pluginJob({
  config,
  slot: ({ now, options }) => windowRange({ type: "calendar", unit: "week", offset: 0 }, { now, timeZone: options.storeTimezone, seasons: [] }).key,
  run: async (container: MedusaContainer) => {
    await container.resolve(Modules.LOCKING).execute("insights:summary", () => sendSummary(container), { timeout: 5 })
  },
})
