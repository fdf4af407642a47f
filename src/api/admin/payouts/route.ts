import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { compensationService } from "../../utils/compensation"
import type { CreatePayoutType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const payouts = await compensationService(req).listPayouts({}, { order: { created_at: "DESC" }, take: 200 })
  res.json({ payouts })
}

/** A payout batch of approved balances at or above the minimum, in one currency. */
export const POST = async (req: AuthenticatedMedusaRequest<CreatePayoutType>, res: MedusaResponse) => {
  const compensation = compensationService(req)
  const currency = req.validatedBody.currency_code.toLowerCase()
  const plan = await compensation.getPlan()
  const minimum = req.validatedBody.minimum ?? ((plan.minimum_payout as Record<string, string> | null)?.[currency] ?? "0")
  const payout = await compensation.createPayoutBatch({ currency, minimum })
  if (!payout) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `No approved ${currency} balance reaches ${minimum}`)
  res.status(201).json({ payout })
}
