import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { reconcileLedger } from "../../../../workflows/compensation/utils/reconcile"
import type { ReconcileLedgerType } from "../../../validators"

/**
 * What each order placed in [from, to) should have paid, recomputed from the order as it stands now, against the
 * ledger; and every payout against its entries. A healthy store answers with no differences.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, ReconcileLedgerType>, res: MedusaResponse) => {
  const { from, to } = req.validatedQuery
  res.json({ from, to, ...(await reconcileLedger(req.scope, { from, to })) })
}
