import { runDueSchedules, scheduleSlot, SCHEDULES_JOB } from "../workflows/automation/utils/due-work"
import { pluginJob } from "../utils/scheduled-job"

export const config = { name: SCHEDULES_JOB, schedule: "* * * * *" }

/**
 * Rules with a cron trigger (e.g. the first of the month), checked every minute from where the last finished run
 * left off: a slot missed by a restart or a failed run is run by the next one.
 */
export default pluginJob({
  config,
  slot: ({ now }) => scheduleSlot(now),
  run: async (container, { now }) => {
    await runDueSchedules(container, { now })
  },
})
