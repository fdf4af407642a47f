import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { newTouchKeySecret } from "../../../lib/attribution/touch-key"
import { attributionService } from "../../utils/visitor"
import type { CreateTouchKeyType } from "../../validators"

/** What an admin sees of a key: never the secret or its hash. */
export const TOUCH_KEY_FIELDS = ["id", "name", "secret_hint", "revoked_at", "created_at"] as const

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const touch_keys = await attributionService(req).listTouchKeys({}, { select: [...TOUCH_KEY_FIELDS], order: { created_at: "DESC" } })
  res.json({ touch_keys })
}

/** Issues a key for an app or till; the secret is in this response only (stored as its SHA-256). */
export const POST = async (req: AuthenticatedMedusaRequest<CreateTouchKeyType>, res: MedusaResponse) => {
  const { secret, hash, hint } = newTouchKeySecret()
  const key = await attributionService(req).createTouchKeys({ name: req.validatedBody.name, secret_hash: hash, secret_hint: hint })
  res.status(201).json({
    touch_key: { id: key.id, name: key.name, secret_hint: key.secret_hint, revoked_at: key.revoked_at, created_at: key.created_at },
    secret,
  })
}
