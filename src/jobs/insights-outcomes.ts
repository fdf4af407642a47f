import type { MedusaContainer } from "@medusajs/framework/types"
import { measureOutcomes } from "../insights/measure"
import { AUTOMATION_MODULE } from "../modules/automation"
import type AutomationModuleService from "../modules/automation/service"
import { pluginJob } from "../lib/scheduled-job"

/** Measures every open exposure: windows that closed are finalised, coupons redeemed late are counted. */
export default pluginJob(async function insightsOutcomes(container: MedusaContainer) {
  await measureOutcomes(container, { now: container.resolve<AutomationModuleService>(AUTOMATION_MODULE).now() })
})

export const config = { name: "promoter-insights-outcomes", schedule: "10 * * * *" }
