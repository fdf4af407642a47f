import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { attributionService } from "../../../../utils/visitor"
import { TOUCH_KEY_FIELDS } from "../../route"
import { clock } from "../../../../../lib/clock"

/** Revokes a key at once (every server process checks the database on each touch). Revoking again changes nothing. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const attribution = attributionService(req)
  const key = await attribution.retrieveTouchKey(req.params.id, { select: ["id", "revoked_at"] })
  if (!key.revoked_at) await attribution.updateTouchKeys({ id: key.id, revoked_at: clock.wall() })
  res.json({ touch_key: await attribution.retrieveTouchKey(key.id, { select: [...TOUCH_KEY_FIELDS] }) })
}
