import type { MedusaRequest } from "@medusajs/framework/http"
import { ATTRIBUTION_MODULE } from "../../modules/attribution"
import type AttributionModuleService from "../../modules/attribution/service"

/**
 * The client's address, for rate limits and IP hashes. Medusa sets Express's `trust proxy` to one hop whatever the
 * deployment, so `req.ip` is whatever X-Forwarded-For a client sends when nothing sits in front of the store: it is
 * used only when the store says a proxy does (`trustProxy: true`). Otherwise the connection's own address. The header
 * is never read here by hand.
 */
export function clientAddress(req: MedusaRequest): string | undefined {
  const { trustProxy } = req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE).getOptions()
  return trustProxy ? req.ip : req.socket?.remoteAddress
}
