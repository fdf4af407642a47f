import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { decideCommission } from "../../../../utils/decide-commission"

export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await decideCommission(req, res, "rejected")
}
