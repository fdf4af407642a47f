import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { compensationService } from "../../../../utils/compensation"
import { currentPromoterId } from "../../../../utils/current-promoter"
import { promoterEntryView } from "../../../../utils/promoter-entry"

/**
 * The logged-in promoter's own balance per currency, entries and payouts: amounts, levels, dates and statuses, never
 * the orders or buyers behind them (promoterEntryView).
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const promoterId = await currentPromoterId(req)
  const compensation = compensationService(req)
  const [balances, entries] = await Promise.all([
    compensation.balances({ promoterId }),
    compensation.listCommissionEntries({ promoter_id: promoterId }, { take: 500, order: { created_at: "DESC" } }),
  ])
  const payoutIds = [...new Set(entries.map((e) => e.payout_id).filter((id): id is string => !!id))]
  const payouts = payoutIds.length ? await compensation.listPayouts({ id: payoutIds }) : []
  res.json({
    balances,
    commissions: entries.map(promoterEntryView),
    payouts: payouts.map((p) => ({
      id: p.id,
      currency_code: p.currency_code,
      status: p.status,
      paid_at: p.paid_at,
      amount: ((p.lines as { list?: { promoter_id: string; amount: string }[] })?.list ?? []).find((l) => l.promoter_id === promoterId)?.amount ?? "0",
    })),
  })
}
