import type { MedusaRequest } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { PROMOTER_MODULE } from "../../modules/promoter"
import type PromoterModuleService from "../../modules/promoter/service"
import { clock } from "../../lib/clock"

/**
 * The publishable API key the portal page sends with its store API calls: the `portal.publishableKey` option, else
 * the oldest publishable key that is not revoked (one small query per page view). A publishable key is
 * public by design (every storefront ships it); no secret key is ever put in the page.
 */
export async function portalPublishableKey(req: MedusaRequest): Promise<string | null> {
  const { portal } = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).getOptions()
  if (portal.publishableKey) return portal.publishableKey
  const keys = await req.scope
    .resolve(Modules.API_KEY)
    .listApiKeys({ type: "publishable" }, { select: ["id", "token", "type", "revoked_at", "created_at"], order: { created_at: "ASC" }, take: 100 })
  const now = clock.wall().getTime()
  const active = keys.find((k) => k.type === "publishable" && (!k.revoked_at || new Date(k.revoked_at).getTime() > now))
  return active?.token ?? null
}
