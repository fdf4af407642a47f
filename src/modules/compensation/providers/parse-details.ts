import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"

/** A provider's details schema applied: a 400 naming the bad field. */
export function parseDetails<T extends z.ZodTypeAny>(schema: T, details: unknown): z.infer<T> {
  const parsed = schema.safeParse(details ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `details.${issue.path.join(".") || "(details)"}: ${issue.message}`)
}
