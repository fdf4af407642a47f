import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { compensationService } from "../../../../utils/compensation"
import { currentPromoterId } from "../../../../utils/current-promoter"
import type { StoreRequestPayoutType } from "../../../../validators"

/** The logged-in promoter's payout requests, newest first, and the plan's minimum payout per currency. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const promoterId = await currentPromoterId(req)
  const compensation = compensationService(req)
  const [requests, plan] = await Promise.all([
    compensation.listPayoutRequests({ promoter_id: promoterId }, { order: { created_at: "DESC" }, take: 100 }),
    compensation.getPlan(),
  ])
  res.json({ payout_requests: requests, minimum_payout: (plan.minimum_payout as Record<string, string> | null) ?? {} })
}

/** The logged-in promoter asks to be paid their approved balance in a currency (at or above the plan's minimum). */
export const POST = async (req: AuthenticatedMedusaRequest<StoreRequestPayoutType>, res: MedusaResponse) => {
  const promoterId = await currentPromoterId(req)
  const compensation = compensationService(req)
  const currency = req.validatedBody.currency_code.toLowerCase()
  const plan = await compensation.getPlan()
  const minimum = (plan.minimum_payout as Record<string, string> | null)?.[currency] ?? "0"
  const request = await compensation.requestPayout({ promoter_id: promoterId, currency, minimum })
  res.status(201).json({ payout_request: request })
}
