import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { compensationService } from "./compensation"

/** Admins decide a pending entry by hand (before its hold ends). */
export async function decideCommission(req: AuthenticatedMedusaRequest, res: MedusaResponse, status: "approved" | "rejected") {
  const compensation = compensationService(req)
  const entry = await compensation.retrieveCommissionEntry(req.params.id)
  if (entry.status !== "pending") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Only pending entries can be ${status}; this one is ${entry.status}`)
  }
  res.json({ commission: await compensation.updateCommissionEntries({ id: entry.id, status }) })
}
