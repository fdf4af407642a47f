import { measureOutcomes } from "../insights/measure"
import { pluginJob } from "../lib/scheduled-job"

export const config = { name: "promoter-insights-outcomes", schedule: "10 * * * *" }

/** Measures every open exposure: windows that closed are finalised, coupons redeemed late are counted. */
export default pluginJob({
  config,
  run: async (container, { now }) => {
    await measureOutcomes(container, { now })
  },
})
