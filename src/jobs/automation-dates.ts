import { runDateTriggers } from "../automation/jobs"
import { pluginJob } from "../lib/scheduled-job"

export const config = { name: "promoter-automation-dates", schedule: "15 0 * * *" }

/** Birthdays and anniversaries: once a day (each rule fires once per subject and day, even if run twice). */
export default pluginJob({
  config,
  run: async (container) => {
    await runDateTriggers(container)
  },
})
