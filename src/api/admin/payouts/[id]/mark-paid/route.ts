import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { compensationService } from "../../../../utils/compensation"
import type { MarkPayoutPaidType } from "../../../../validators"

export const POST = async (req: AuthenticatedMedusaRequest<MarkPayoutPaidType>, res: MedusaResponse) => {
  const compensation = compensationService(req)
  const payout = await compensation.retrievePayout(req.params.id)
  if (payout.status === "paid") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Payout ${payout.id} is already paid`)
  res.json({ payout: await compensation.markPayoutPaid({ id: payout.id, reference: req.validatedBody.reference ?? null }) })
}
