import type { MedusaContainer } from "@medusajs/framework/types"
import { COMPENSATION_MODULE } from "../modules/compensation"
import type CompensationModuleService from "../modules/compensation/service"
import { pluginJob } from "../lib/scheduled-job"

/** Commissions whose hold period (returns window) has passed become approved. */
export default pluginJob(async function approveCommissions(container: MedusaContainer) {
  await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).approveDue({ now: new Date() })
})

export const config = { name: "promoter-approve-commissions", schedule: "30 * * * *" }
