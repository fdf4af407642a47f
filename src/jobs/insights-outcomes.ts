import { measureOutcomes } from "../workflows/automation/utils/measure-outcomes"
import { pluginJob } from "../utils/scheduled-job"

export const config = { name: "promoter-insights-outcomes", schedule: "10 * * * *" }

/** Measures every open exposure: windows that closed are finalised, coupons redeemed late are counted. */
export default pluginJob({
  config,
  run: async (container, { now }) => {
    await measureOutcomes(container, { now })
  },
})
