import { runDateTriggers } from "../workflows/automation/utils/due-work"
import { windowRange } from "../lib/rules-engine"
import { pluginJob } from "../utils/scheduled-job"

export const config = { name: "promoter-automation-dates", schedule: "15 * * * *" }

/**
 * Birthdays and anniversaries, once per day of the store's time zone (slot `day:YYYY-MM-DD`). Checked hourly: a day
 * whose first run failed, or that began while the store was down, is run by the next hour's run; each rule fires
 * once per subject and day however often it runs.
 */
export default pluginJob({
  config,
  slot: ({ now, options }) => windowRange({ type: "calendar", unit: "day", offset: 0 }, { now, timeZone: options.storeTimezone, seasons: [] }).key,
  run: async (container, { now }) => {
    await runDateTriggers(container, { now })
  },
})
