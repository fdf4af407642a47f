import type { MedusaContainer } from "@medusajs/framework/types"
import { qualifyTiers } from "../workflows/compensation/utils/qualify-tiers"
import { windowRange } from "../lib/rules-engine"
import { pluginJob } from "../utils/scheduled-job"

export const config = { name: "promoter-qualify-tiers", schedule: "0 2 * * *" }

/**
 * Tiers for the month that just ended. Runs daily (a monthly schedule loops on Medusa's in-memory engine, see
 * utils/scheduled-job.ts) and qualifies each month once: on the 1st, or on the first day the store runs after it.
 */
export default pluginJob({
  config,
  slot: ({ now, options }) => windowRange({ type: "calendar", unit: "month", offset: -1 }, { now, timeZone: options.storeTimezone, seasons: [] }).key,
  run: async (container: MedusaContainer, { slot }) => {
    const failed = (await qualifyTiers(container, { period: slot.replace(/^month:/, "") })).filter((r) => r.error)
    if (failed.length) throw new Error(`${failed.length} promoter(s) not qualified, first: ${failed[0].promoter_id}: ${failed[0].error}`)
  },
})
