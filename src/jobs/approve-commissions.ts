import { COMPENSATION_MODULE } from "../modules/compensation"
import type CompensationModuleService from "../modules/compensation/service"
import { pluginJob } from "../lib/scheduled-job"

export const config = { name: "promoter-approve-commissions", schedule: "30 * * * *" }

/** Commissions whose hold period (returns window) has passed become approved. */
export default pluginJob({
  config,
  run: async (container, { now }) => {
    await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).approveDue({ now })
  },
})
