import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { answerPayoutMethod, savePayoutMethod } from "../../../../utils/payout-method"
import { PROMOTER_MODULE } from "../../../../../modules/promoter"
import type PromoterModuleService from "../../../../../modules/promoter/service"
import type { SetPayoutMethodType } from "../../../../validators"

const promoterId = async (req: AuthenticatedMedusaRequest) =>
  (await req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).retrievePromoter(req.params.id, { select: ["id"] })).id

/** The promoter's payout method (secrets shown only as set). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => answerPayoutMethod(req, res, await promoterId(req))

/** Sets the promoter's payout method: the provider validates the details. */
export const POST = async (req: AuthenticatedMedusaRequest<SetPayoutMethodType>, res: MedusaResponse) => savePayoutMethod(req, res, await promoterId(req))
