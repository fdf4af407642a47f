import { Modules } from "@medusajs/framework/utils"
import { fitPredictions } from "../workflows/insights/utils/predictions"
import { pluginJob } from "../utils/scheduled-job"

export const config = { name: "promoter-insights-predictions", schedule: "30 2 * * *" }

/** Refits the purchase model and the promoters' forecasts every night (one process at a time). */
export default pluginJob({
  config,
  run: async (container, { now }) => {
    await container.resolve(Modules.LOCKING).execute("insights:predictions", () => fitPredictions(container, { now }), { timeout: 5 })
  },
})
