import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../../../../modules/promoter"
import type PromoterModuleService from "../../../../../modules/promoter/service"
import { compensationService } from "../../../../utils/compensation"
import { csvCell as cell } from "../../../../utils/csv"
import type { ExportPayoutType } from "../../../../validators"


/** The payout as CSV: one line per promoter, amounts exact; or PayPal's mass-payment file (format=paypal). */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, ExportPayoutType>, res: MedusaResponse) => {
  const compensation = compensationService(req)
  const payout = await compensation.retrievePayout(req.params.id)
  const lines = ((payout.lines as { list?: { promoter_id: string; amount: string }[] })?.list ?? [])
  const promoters = await req.scope
    .resolve<PromoterModuleService>(PROMOTER_MODULE)
    .listPromoters({ id: lines.map((l) => l.promoter_id) }, { select: ["id", "name", "email", "referral_code"] })
  const methods = new Map((await compensation.payoutMethodsOf(lines.map((l) => l.promoter_id))).map((m) => [m.promoter_id, m]))
  const paypalEmail = (promoterId: string) => {
    const m = methods.get(promoterId)
    return m?.provider_id === "paypal" ? (m.details as { email?: string }).email : undefined
  }
  const rows = req.validatedQuery.format === "paypal"
    ? lines.map((l) => [paypalEmail(l.promoter_id) ?? promoters.find((x) => x.id === l.promoter_id)?.email, l.amount, payout.currency_code.toUpperCase(), l.promoter_id, `Payout ${payout.id}`])
    : [
    ["payout_id", "promoter_id", "name", "email", "referral_code", "currency_code", "amount"],
    ...lines.map((l) => {
      const p = promoters.find((x) => x.id === l.promoter_id)
      return [payout.id, l.promoter_id, p?.name, p?.email, p?.referral_code, payout.currency_code, l.amount]
    }),
      ]
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${payout.id}${req.validatedQuery.format === "paypal" ? "-paypal" : ""}.csv"`)
  res.send(rows.map((r) => r.map(cell).join(",")).join("\n") + "\n")
}
