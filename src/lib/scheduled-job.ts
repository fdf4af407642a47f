import type { MedusaContainer } from "@medusajs/framework/types"
import { PROMOTER_MODULE } from "../modules/promoter"
import type PromoterModuleService from "../modules/promoter/service"

/**
 * A scheduled job of the plugin that does nothing when `testing.jobs` is false: test suites that move the automation
 * clock run the due work themselves (POST /admin/automation-rules/run-due), and a job firing on a real minute
 * boundary in the middle of such a test would race it for the same slots.
 */
export function pluginJob(run: (container: MedusaContainer) => Promise<void>) {
  return async function job(container: MedusaContainer): Promise<void> {
    if (!container.resolve<PromoterModuleService>(PROMOTER_MODULE).getOptions().testing.jobs) return
    await run(container)
  }
}
