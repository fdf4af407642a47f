import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { fitPredictions } from "../insights/predictions"
import { AUTOMATION_MODULE } from "../modules/automation"
import type AutomationModuleService from "../modules/automation/service"
import { pluginJob } from "../lib/scheduled-job"

/** Refits the purchase model and the promoters' forecasts every night (one process at a time). */
export default pluginJob(async function insightsPredictions(container: MedusaContainer) {
  const now = container.resolve<AutomationModuleService>(AUTOMATION_MODULE).now()
  await container.resolve(Modules.LOCKING).execute("insights:predictions", () => fitPredictions(container, { now }), { timeout: 5 })
})

export const config = { name: "promoter-insights-predictions", schedule: "30 2 * * *" }
