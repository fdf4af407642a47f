import type { MedusaRequest } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../modules/promoter"
import type PromoterModuleService from "../../modules/promoter/service"

export type PromoterName = { id: string; name: string; referral_code: string }

/** Names and codes of the given promoters, in one query (for ledger, balance and payout rows). */
export async function promoterNames(req: MedusaRequest, ids: string[]): Promise<Map<string, PromoterName>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const rows = await req.scope
    .resolve<PromoterModuleService>(PROMOTER_MODULE)
    .listPromoters({ id: unique }, { select: ["id", "name", "referral_code"], take: unique.length })
  return new Map(rows.map((p) => [p.id, p]))
}
