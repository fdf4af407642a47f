import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { currentPromoterId } from "../../../../utils/current-promoter"
import { sendStatement } from "../../../../utils/statement"
import type { StatementQueryType } from "../../../../validators"

/** The logged-in promoter's own payout statement (one payout, or a year), as CSV. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, StatementQueryType>, res: MedusaResponse) => sendStatement(req, res, await currentPromoterId(req))
