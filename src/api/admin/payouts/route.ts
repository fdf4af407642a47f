import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createPromoterPayoutWorkflow } from "../../../workflows/compensation/promoter-payouts"
import { compensationService } from "../../utils/compensation"
import { promoterNames } from "../../utils/promoter-names"
import type { CreatePayoutType, ListPayoutsType } from "../../validators"

/** Payout batches, newest first; `promoter_id` keeps the batches that paid that promoter (through its ledger entries). */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, ListPayoutsType>, res: MedusaResponse) => {
  const compensation = compensationService(req)
  const { promoter_id, limit, offset } = req.validatedQuery
  let filters: { id?: string[] } = {}
  if (promoter_id) {
    const entries = await compensation.listCommissionEntries({ promoter_id, payout_id: { $ne: null } }, { select: ["payout_id"] })
    filters = { id: [...new Set(entries.map((e) => e.payout_id as string))] }
  }
  const [payouts, count] = await compensation.listAndCountPayouts(filters, { order: { created_at: "DESC" }, take: limit, skip: offset })
  const linesOf = (p: (typeof payouts)[number]) => (p.lines as { list?: { promoter_id: string; amount: string }[] })?.list ?? []
  const names = await promoterNames(req, payouts.flatMap((p) => linesOf(p).map((l) => l.promoter_id)))
  res.json({
    count,
    limit,
    offset,
    payouts: payouts.map((p) => ({
      ...p,
      lines: { list: linesOf(p).map((l) => ({ ...l, promoter: names.get(l.promoter_id) ?? null })) },
    })),
  })
}

/** A payout batch of approved balances at or above the minimum, in one currency, through one provider (a draft). */
export const POST = async (req: AuthenticatedMedusaRequest<CreatePayoutType>, res: MedusaResponse) => {
  const { result: payout } = await createPromoterPayoutWorkflow(req.scope).run({
    input: { currency_code: req.validatedBody.currency_code, minimum: req.validatedBody.minimum, provider_id: req.validatedBody.provider_id },
  })
  res.status(201).json({ payout })
}
