import type { MedusaContainer } from "@medusajs/framework/types"
import { runScheduledRules } from "../automation/jobs"
import { AUTOMATION_MODULE } from "../modules/automation"
import type AutomationModuleService from "../modules/automation/service"
import { pluginJob } from "../lib/scheduled-job"

/** Rules with a cron trigger (e.g. the first of the month), checked every minute. */
export default pluginJob(async function automationSchedules(container: MedusaContainer) {
  const now = container.resolve<AutomationModuleService>(AUTOMATION_MODULE).now()
  await runScheduledRules(container, { from: new Date(now.getTime() - 60_000), to: now })
})

export const config = { name: "promoter-automation-schedules", schedule: "* * * * *" }
