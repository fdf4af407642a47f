import { runScheduledRules } from "../automation/jobs"
import { pluginJob } from "../lib/scheduled-job"

export const config = { name: "promoter-automation-schedules", schedule: "* * * * *" }

/** Rules with a cron trigger (e.g. the first of the month), checked every minute. */
export default pluginJob({
  config,
  run: async (container, { now }) => {
    await runScheduledRules(container, { from: new Date(now.getTime() - 60_000), to: now })
  },
})
