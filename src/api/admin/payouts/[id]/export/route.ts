import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../../../../modules/promoter"
import type PromoterModuleService from "../../../../../modules/promoter/service"
import { compensationService } from "../../../../utils/compensation"

const cell = (v: unknown) => {
  const s = String(v ?? "")
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""').replace(/^([=+\-@])/, "'$1")}"` : s
}

/** The payout as CSV: one line per promoter, amounts exact. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const payout = await compensationService(req).retrievePayout(req.params.id)
  const lines = ((payout.lines as { list?: { promoter_id: string; amount: string }[] })?.list ?? [])
  const promoters = await req.scope
    .resolve<PromoterModuleService>(PROMOTER_MODULE)
    .listPromoters({ id: lines.map((l) => l.promoter_id) }, { select: ["id", "name", "email", "referral_code"] })
  const rows = [
    ["payout_id", "promoter_id", "name", "email", "referral_code", "currency_code", "amount"],
    ...lines.map((l) => {
      const p = promoters.find((x) => x.id === l.promoter_id)
      return [payout.id, l.promoter_id, p?.name, p?.email, p?.referral_code, payout.currency_code, l.amount]
    }),
  ]
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${payout.id}.csv"`)
  res.send(rows.map((r) => r.map(cell).join(",")).join("\n") + "\n")
}
