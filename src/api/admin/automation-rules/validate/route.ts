import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { validateRule } from "../../../../lib/rules-engine"

/** Checks a definition and lists every problem with its JSON path (the builder shows them next to the fields). */
export const POST = async (req: AuthenticatedMedusaRequest<{ definition?: unknown }>, res: MedusaResponse) => {
  const checked = validateRule((req.body as { definition?: unknown })?.definition)
  res.json(checked.ok ? { valid: true, issues: [], rule: checked.rule } : { valid: false, issues: checked.issues })
}
