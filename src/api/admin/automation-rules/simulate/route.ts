import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { parseDefinition } from "../../../../workflows/automation/steps/save-automation-rule"
import { simulate } from "../../../utils/simulate"
import type { SimulateRuleType } from "../../../validators"

/** Dry-run of a draft rule that is not saved yet. */
export const POST = async (req: AuthenticatedMedusaRequest<SimulateRuleType>, res: MedusaResponse) => {
  if (req.validatedBody.definition === undefined) throw new MedusaError(MedusaError.Types.INVALID_DATA, "definition is required")
  res.json({ simulation: await simulate(req, parseDefinition(req.validatedBody.definition)) })
}
