import type { MedusaContainer } from "@medusajs/framework/types"
import { sendSummary } from "../workflows/insights/send-automation-summary"
import { windowRange } from "../lib/rules-engine"
import { pluginJob } from "../utils/scheduled-job"

export const config = { name: "promoter-insights-summary", schedule: "0 8 * * *" }

/**
 * The weekly summary for the store: stored, and sent to `insights.summaryRecipients`. Checked daily, sent once per
 * calendar week (on Monday, or the first day the store runs after it). When the provider failed for a recipient the
 * week's slot fails, and the next daily run sends the stored summary to those who did not get it.
 */
export default pluginJob({
  config,
  slot: ({ now, options }) => windowRange({ type: "calendar", unit: "week", offset: 0 }, { now, timeZone: options.storeTimezone, seasons: [] }).key,
  run: async (container: MedusaContainer) => {
    await sendSummary(container)
  },
})
