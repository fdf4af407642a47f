import { z } from "@medusajs/framework/zod"
import { responseComponents } from "./registry"

/** A moment as JSON carries it: an ISO 8601 string in UTC (`2026-07-01T09:30:00.000Z`). */
export const dateTime = () =>
  z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/)
    .meta({ format: "date-time" })
export const nullableDateTime = () => dateTime().nullable()

/** An amount in the currency's main unit: Medusa's bigNumber columns come out as JSON numbers. */
export const amount = () => z.number().describe("An amount in the currency's main unit (e.g. 12.5 = $12.50)")
/** An exact decimal amount as a string ("12.5"): ledger sums, balances and payout lines keep every digit. */
export const decimal = () => z.string().regex(/^-?\d+(\.\d+)?$/).describe('An exact decimal amount, e.g. "12.5"')
export const currencyCode = () => z.string().describe("ISO 4217 code in lower case, e.g. usd")
export const metadata = () => z.record(z.string(), z.unknown()).nullable()

/** What Medusa adds to every row of a data model. */
export const timestamps = {
  created_at: dateTime(),
  updated_at: dateTime(),
  deleted_at: nullableDateTime(),
}

export const PROMOTER_STATUS = z
  .enum(["pending", "active", "suspended", "terminated"])
  .describe(
    "pending: enrolled, not yet approved (no commissions, short links do not credit); active: earns and is credited; " +
      "suspended: paused by the store, short links go to the unknown-code page; terminated: ended for good."
  )

/** The error body every failing request gets. */
export const ErrorBody = z
  .object({
    type: z
      .enum([
        "invalid_data",
        "not_found",
        "not_allowed",
        "unauthorized",
        "forbidden",
        "conflict",
        "duplicate_error",
        "unexpected_state",
        "invalid_argument",
        "db_error",
        "unknown_error",
        "too_many_requests",
        "not_configured",
        "notification_failed",
      ])
      .optional()
      .describe(
        "Medusa's error type (MedusaError.Types), or the plugin's own: too_many_requests (a rate limit, 429), " +
          "not_configured (a notification channel the request needs is missing, 503), notification_failed (the " +
          "notification provider failed to send, 502). Absent on Medusa's own 401 " +
          "of a request without a valid session, token or key."
      ),
    code: z.string().optional().describe("Medusa's error code where it gives one, e.g. invalid_state_error on a 409"),
    message: z.string().describe("What was wrong, naming the bad field (e.g. `email: Invalid email address`)"),
  })
  .register(responseComponents, { id: "Error" })

export const deleted = (object: string) =>
  z.object({ id: z.string(), object: z.literal(object), deleted: z.literal(true) })

export const page = { count: z.number().int(), limit: z.number().int(), offset: z.number().int() }
