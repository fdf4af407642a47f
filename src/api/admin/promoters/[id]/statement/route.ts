import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../../../../modules/promoter"
import type PromoterModuleService from "../../../../../modules/promoter/service"
import { sendStatement } from "../../../../utils/statement"
import type { StatementQueryType } from "../../../../validators"

/** A promoter's payout statement (one payout, or a year), as CSV. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, StatementQueryType>, res: MedusaResponse) => {
  const promoter = await req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).retrievePromoter(req.params.id, { select: ["id"] })
  await sendStatement(req, res, promoter.id)
}
