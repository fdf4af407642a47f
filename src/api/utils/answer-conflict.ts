import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * Answers the plugin's own conflicts with their message. Medusa's error handler answers every CONFLICT with a generic
 * "The request conflicted with another request. You may retry the request with the provided Idempotency-Key.", which
 * hides what conflicts (a payout already paid, another referral code) and suggests a retry that cannot succeed.
 * Returns false for other errors.
 */
export function answerConflict(error: unknown, res: MedusaResponse): boolean {
  if ((error as { type?: unknown })?.type !== MedusaError.Types.CONFLICT) return false
  res.status(409).json({ type: MedusaError.Types.CONFLICT, code: "invalid_state_error", message: (error as Error).message })
  return true
}
