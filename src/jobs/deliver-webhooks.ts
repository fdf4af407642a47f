import { pluginJob } from "../utils/scheduled-job"
import { deliverDueWebhooks } from "../workflows/webhooks/utils/deliver-webhooks"

export const config = { name: "promoter-deliver-webhooks", schedule: "* * * * *" }

/** Every minute: the due webhook deliveries are sent (with retries on the Standard Webhooks schedule). */
export default pluginJob({
  config,
  run: async (container, { now }) => {
    await deliverDueWebhooks(container, { now })
  },
})

export { deliverDueWebhooks }
