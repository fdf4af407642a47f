// The reconciliation report: what each order should have paid, recomputed from the orders as they stand now, against
// the ledger; and the payouts against their entries. Empty on a healthy store; every line names its cause.
import type { MedusaContainer } from "@medusajs/framework/types"
import { commissionAmount } from "../../../lib/compensation/commissions"
import { netOf } from "../../../lib/compensation/settlement"
import { addDecimal, compareDecimal } from "../../../lib/money"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import { COMPENSATION_MODULE } from "../../../modules/compensation"
import type CompensationModuleService from "../../../modules/compensation/service"
import { readOrderSettlement } from "../steps/gather-order-settlement"

export type Difference = {
  cause: "commission_not_settled" | "commission_over_reversed" | "bonus_not_taken_back" | "volume_differs" | "payout_lines_differ" | "paid_outside_paid_payout"
  order_id?: string
  promoter_id?: string
  level?: number | null
  entry_id?: string
  payout_id?: string
  currency_code?: string
  expected: string
  actual: string
}

const PAGE = 200

export async function reconcileLedger(container: MedusaContainer, { from, to }: { from: Date; to: Date }): Promise<{ orders_checked: number; differences: Difference[] }> {
  const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
  const differences: Difference[] = []
  let checked = 0
  for (let skip = 0; ; skip += PAGE) {
    const rows = await attribution.listOrderAttributions(
      { placed_at: { $gte: from, $lt: to }, promoter_id: { $ne: null } },
      { select: ["order_id", "volume"], order: { placed_at: "ASC", id: "ASC" }, take: PAGE, skip }
    )
    if (!rows.length) break
    const entries = await compensation.listCommissionEntries({ order_id: rows.map((r) => r.order_id) }, { take: 100000 })
    for (const row of rows) {
      checked += 1
      const settlement = await readOrderSettlement(container, { order_id: row.order_id, cause: "placed" })
      if (!settlement) continue
      if (row.volume !== null && row.volume !== undefined && compareDecimal(String(row.volume), settlement.volume) !== 0) {
        differences.push({ cause: "volume_differs", order_id: row.order_id, expected: settlement.volume, actual: String(row.volume) })
      }
      const ofOrder = entries.filter((e) => e.order_id === row.order_id)
      for (const entry of ofOrder.filter((e) => (e.kind === "commission" || e.kind === "bonus") && e.status !== "rejected")) {
        const net = ofOrder
          .filter((r) => r.kind === "reversal" && r.reverses_entry_id === entry.id)
          .reduce((sum, r) => addDecimal(sum, String(r.amount)), String(entry.amount))
        const expected =
          entry.kind === "commission"
            ? commissionAmount({ base: netOf(String(entry.base ?? "0"), settlement.taking), rateBps: entry.rate_bps ?? 0, currency: entry.currency_code })
            : compareDecimal(settlement.volume, "0") > 0
              ? net
              : "0"
        const gap = compareDecimal(net, expected)
        if (gap === 0) continue
        differences.push({
          cause: entry.kind === "bonus" ? "bonus_not_taken_back" : gap > 0 ? "commission_not_settled" : "commission_over_reversed",
          order_id: row.order_id,
          promoter_id: entry.promoter_id,
          level: entry.level,
          entry_id: entry.id,
          currency_code: entry.currency_code,
          expected,
          actual: net,
        })
      }
    }
  }
  differences.push(...(await compensation.payoutDifferences()))
  return { orders_checked: checked, differences }
}

