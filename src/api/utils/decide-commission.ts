import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { compensationService } from "./compensation"

/** Admins decide a pending entry by hand (before its hold ends, or one held for review); its reversals follow it. */
export async function decideCommission(req: AuthenticatedMedusaRequest, res: MedusaResponse, status: "approved" | "rejected") {
  const compensation = compensationService(req)
  const entry = await compensation.retrieveCommissionEntry(req.params.id)
  const decided = await compensation.decideEntry({ id: entry.id, status })
  if (!decided) {
    const now = await compensation.retrieveCommissionEntry(entry.id)
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Only pending entries can be ${status}; this one is ${now.status}`)
  }
  res.json({ commission: await compensation.retrieveCommissionEntry(entry.id) })
}
