import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { validateRule } from "../../../../lib/rules-engine"
import type { ValidateRuleBodyType } from "../../../validators"

/** Checks a definition and lists every problem with its JSON path (the builder shows them next to the fields). */
export const POST = async (req: AuthenticatedMedusaRequest<ValidateRuleBodyType>, res: MedusaResponse) => {
  const checked = validateRule(req.validatedBody.definition)
  res.json(checked.ok ? { valid: true, issues: [], rule: checked.rule } : { valid: false, issues: checked.issues })
}
