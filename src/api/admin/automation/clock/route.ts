import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { automationService } from "../../../utils/automation"
import type { SetClockType } from "../../../validators"
import { clock } from "../../../../lib/clock"

/** Test suites move the automation clock (only with the testing.clock option; otherwise this route is a 404). */
export const POST = async (req: AuthenticatedMedusaRequest<SetClockType>, res: MedusaResponse) => {
  const automation = automationService(req)
  if (!automation.getOptions().testing.clock) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Not found")
  automation.setClock(req.validatedBody.now)
  res.json({ now: clock.now().toISOString() })
}
