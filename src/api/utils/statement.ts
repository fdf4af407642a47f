import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { addDecimal } from "../../lib/money"
import type { StatementQueryType } from "../validators"
import { compensationService } from "./compensation"
import { csvCell } from "./csv"

/**
 * A promoter's payout statement as CSV: every paid entry of one payout or of the payouts paid in a year, with a total
 * per currency; entry ids, kinds, levels and dates, never the orders or buyers behind them.
 */
export async function sendStatement(req: MedusaRequest<unknown, StatementQueryType>, res: MedusaResponse, promoterId: string) {
  const { year, payout_id } = req.validatedQuery
  if ((year === undefined) === (payout_id === undefined)) throw new MedusaError(MedusaError.Types.INVALID_DATA, "Give either year or payout_id")
  const rows = await compensationService(req).statement({ promoter_id: promoterId, year, payout_id })
  const totals = new Map<string, string>()
  for (const r of rows) totals.set(r.currency_code, addDecimal(totals.get(r.currency_code) ?? "0", r.amount))
  const lines = [
    ["payout_id", "paid_at", "entry_id", "kind", "level", "earned_at", "currency_code", "amount"],
    ...rows.map((r) => [r.payout_id, new Date(r.paid_at).toISOString(), r.entry_id, r.kind, r.level ?? "", new Date(r.created_at).toISOString(), r.currency_code, r.amount]),
    ...[...totals].map(([currency, total]) => ["total", "", "", "", "", "", currency, total]),
  ]
  const name = payout_id ? `statement-${payout_id}` : `statement-${year}`
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${name}.csv"`)
  res.send(lines.map((l) => l.map(csvCell).join(",")).join("\n") + "\n")
}
