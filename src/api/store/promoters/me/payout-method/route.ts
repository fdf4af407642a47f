import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { currentPromoterId } from "../../../../utils/current-promoter"
import { answerPayoutMethod, savePayoutMethod } from "../../../../utils/payout-method"
import type { SetPayoutMethodType } from "../../../../validators"

/** The logged-in promoter's own payout method (secrets shown only as set); never another's. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => answerPayoutMethod(req, res, await currentPromoterId(req))

/** The logged-in promoter sets their own payout method. */
export const POST = async (req: AuthenticatedMedusaRequest<SetPayoutMethodType>, res: MedusaResponse) => savePayoutMethod(req, res, await currentPromoterId(req))
