import { clock } from "../lib/clock"
import { pluginJob } from "../utils/scheduled-job"
import { deliverDueWebhooks } from "../workflows/webhooks/utils/deliver-webhooks"

export const config = { name: "promoter-deliver-webhooks", schedule: "* * * * *" }

/** A run stops taking new batches after this long, so it ends before the next minute's run. */
const RUN_BUDGET_MS = 40_000

/**
 * Every minute: the due webhook deliveries are sent (retried on the Standard Webhooks schedule), batch after batch
 * while whole batches are due and the run is within its budget.
 */
export default pluginJob({
  config,
  run: async (container) => {
    const started = clock.elapsedMs()
    for (;;) {
      const run = await deliverDueWebhooks(container, { now: clock.now() })
      if (!run.full || clock.elapsedMs() - started > RUN_BUDGET_MS) return
    }
  },
})

export { deliverDueWebhooks }
