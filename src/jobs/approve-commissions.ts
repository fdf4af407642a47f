import { reviewHeldBonuses } from "../workflows/automation/utils/review-bonuses"
import { approveDueCommissionsWorkflow } from "../workflows/compensation/decide-promoter-commission"
import { pluginJob } from "../utils/scheduled-job"

export const config = { name: "promoter-approve-commissions", schedule: "30 * * * *" }

/**
 * Commissions whose hold period (returns window) has passed become approved; bonuses too, once their rule still holds
 * for the period they were earned in on the figures as they stand now (otherwise they are withdrawn).
 */
export default pluginJob({
  config,
  run: async (container, { now }) => {
    try {
      await reviewHeldBonuses(container, { now })
    } finally {
      // Commissions are approved whatever became of the bonus review.
      await approveDueCommissionsWorkflow(container).run({ input: { now } })
    }
  },
})
