import type { MedusaContainer } from "@medusajs/framework/types"
import { qualifyTiers } from "../automation/qualify-tiers"
import { pluginJob } from "../lib/scheduled-job"

/** On the 1st of each month: tiers for the month that just ended. */
export default pluginJob(async function qualifyTiersJob(container: MedusaContainer) {
  const now = new Date()
  const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  await qualifyTiers(container, { period: previous.toISOString().slice(0, 7) })
})

export const config = { name: "promoter-qualify-tiers", schedule: "0 2 1 * *" }
