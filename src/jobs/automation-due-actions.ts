import type { MedusaContainer } from "@medusajs/framework/types"
import { runDueActions } from "../automation/jobs"
import { pluginJob } from "../lib/scheduled-job"

/** Delayed rule actions whose time has come (durable rows; survive restarts; run once across workers). */
export default pluginJob(async function automationDueActions(container: MedusaContainer) {
  await runDueActions(container)
})

export const config = { name: "promoter-automation-due-actions", schedule: "* * * * *" }
