import type { MedusaContainer } from "@medusajs/framework/types"
import { runDateTriggers } from "../automation/jobs"
import { pluginJob } from "../lib/scheduled-job"

/** Birthdays and anniversaries: once a day (each rule fires once per subject and day, even if run twice). */
export default pluginJob(async function automationDates(container: MedusaContainer) {
  await runDateTriggers(container)
})

export const config = { name: "promoter-automation-dates", schedule: "15 0 * * *" }
