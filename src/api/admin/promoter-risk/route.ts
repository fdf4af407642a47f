import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { addDecimal, decimalOf } from "../../../lib/money"
import { RISK_MODULE } from "../../../modules/risk"
import type RiskModuleService from "../../../modules/risk/service"
import { compensationService } from "../../utils/compensation"
import { promoterNames } from "../../utils/promoter-names"
import type { ListRiskAssessmentsType } from "../../validators"

/** The fraud review queue (pending, the default) or any assessments: each with its evidence, promoter and the order's entries. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, ListRiskAssessmentsType>, res: MedusaResponse) => {
  const { review, promoter_id, flagged, limit, offset } = req.validatedQuery
  const filters = {
    ...(review === "all" ? {} : { review }),
    ...(promoter_id ? { promoter_id } : {}),
    ...(flagged === undefined ? {} : { flagged }),
  }
  const [rows, count] = await req.scope
    .resolve<RiskModuleService>(RISK_MODULE)
    .listAndCountRiskAssessments(filters, { order: { created_at: "DESC" }, take: limit, skip: offset })
  const orderIds = rows.map((r) => r.order_id).filter((id): id is string => !!id)
  const entries = orderIds.length
    ? await compensationService(req).listCommissionEntries(
        { order_id: orderIds },
        { select: ["id", "order_id", "promoter_id", "kind", "level", "amount", "currency_code", "status", "hold_reason"], take: null }
      )
    : []
  const names = await promoterNames(req, [...rows.map((r) => r.promoter_id), ...entries.map((e) => e.promoter_id)])
  /** What the assessment holds back, per currency, summed exactly (the order's entries still held for risk). */
  const heldOf = (orderId: string | null) => {
    const sums = new Map<string, string>()
    for (const e of entries) {
      if (e.order_id !== orderId || e.hold_reason !== "risk" || e.status !== "pending") continue
      sums.set(e.currency_code, addDecimal(sums.get(e.currency_code) ?? "0", decimalOf(e.amount)))
    }
    return [...sums].map(([currency_code, amount]) => ({ currency_code, amount }))
  }
  res.json({
    count,
    limit,
    offset,
    assessments: rows.map((r) => ({
      ...r,
      score: Number(r.score),
      signals: ((r.signals as { list?: unknown[] } | null)?.list ?? []) as unknown[],
      promoter: names.get(r.promoter_id) ?? null,
      held: heldOf(r.order_id),
      entries: entries
        .filter((e) => e.order_id === r.order_id)
        .map((e) => ({
          id: e.id,
          order_id: e.order_id,
          promoter_id: e.promoter_id,
          kind: e.kind,
          level: e.level,
          amount: String(e.amount),
          currency_code: e.currency_code,
          status: e.status,
          hold_reason: e.hold_reason,
          promoter: names.get(e.promoter_id) ?? null,
        })),
    })),
  })
}
