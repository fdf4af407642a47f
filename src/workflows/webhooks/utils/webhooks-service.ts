import { MedusaError } from "@medusajs/framework/utils"
import { WEBHOOKS_MODULE } from "../../../modules/webhooks"
import type WebhooksModuleService from "../../../modules/webhooks/service"
import { URL_PROBLEM_MESSAGES, webhookUrlProblem } from "../../../lib/webhooks/url"

type Resolver = { resolve: <T>(key: string) => T }

export const webhooksService = (container: Resolver) => container.resolve<WebhooksModuleService>(WEBHOOKS_MODULE)

/** A 400 naming the url when the worker may not call it (scheme, credentials, private address unless allowed). */
export function assertWebhookUrl(container: Resolver, url: string): void {
  const problem = webhookUrlProblem(url, { allowPrivate: webhooksService(container).getOptions().webhooks.allowPrivateUrls })
  if (problem) throw new MedusaError(MedusaError.Types.INVALID_DATA, `url ${URL_PROBLEM_MESSAGES[problem]}`)
}
