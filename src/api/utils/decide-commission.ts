import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { decidePromoterCommissionWorkflow } from "../../workflows/compensation/decide-promoter-commission"
import { compensationService } from "./compensation"

/** Admins decide a pending entry by hand (before its hold ends, or one held for review); its reversals follow it. */
export async function decideCommission(req: AuthenticatedMedusaRequest, res: MedusaResponse, status: "approved" | "rejected") {
  await decidePromoterCommissionWorkflow(req.scope).run({ input: { id: req.params.id, status } })
  res.json({ commission: await compensationService(req).retrieveCommissionEntry(req.params.id) })
}
