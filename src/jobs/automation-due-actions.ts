import { runDueActions } from "../workflows/automation/utils/due-work"
import { pluginJob } from "../utils/scheduled-job"

export const config = { name: "promoter-automation-due-actions", schedule: "* * * * *" }

/** Delayed rule actions whose time has come (durable rows; survive restarts; run once across workers). */
export default pluginJob({
  config,
  run: async (container) => {
    await runDueActions(container)
  },
})
