import {
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  validateAndTransformBody,
  validateAndTransformQuery,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"

type Middleware = (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => unknown
type Schema = z.ZodType

/**
 * Medusa's validators with one failure mode taken away: when a request fails validation, Medusa builds its message by
 * turning the received value into text, and a value such as `{"email": {"toString": ""}}` (an object whose `toString`
 * is not a function) makes that throw a TypeError, which its error handler answers with `500 unknown_error`. Any error
 * other than Medusa's own from the validation step is about the request, so it becomes a 400 whose message is built
 * here from zod's issues (paths and zod's messages, never the received values).
 */
function guarded(schema: Schema, inner: Middleware, pick: (req: MedusaRequest) => unknown): Middleware {
  return (req, res, next) =>
    inner(req, res, (error?: unknown) => {
      if (error === undefined || error === null || MedusaError.isMedusaError(error)) return next(error as Error)
      next(new MedusaError(MedusaError.Types.INVALID_DATA, describeIssues(schema, pick(req))))
    })
}

export function describeIssues(schema: Schema, input: unknown): string {
  let issues: { path: PropertyKey[]; message: string }[]
  try {
    const parsed = schema.safeParse(input)
    issues = parsed.success ? [] : parsed.error.issues
  } catch {
    issues = []
  }
  if (!issues.length) return "Invalid request"
  const text = issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path.map((p) => (typeof p === "symbol" ? "?" : String(p))).join(".")
      return where ? `${where}: ${issue.message}` : issue.message
    })
    .join("; ")
  return `Invalid request: ${text}`
}

/** What a validating middleware checks: the OpenAPI test reads it to prove the document shows the same schema. */
export type Validates = { in: "body" | "query"; schema: Schema }

export const validateBody = (schema: Schema): Middleware & { validates: Validates } =>
  Object.assign(guarded(schema, validateAndTransformBody(schema as never) as Middleware, (req) => req.body), {
    validates: { in: "body", schema } as Validates,
  })

export const validateQuery = (schema: Schema, config: Parameters<typeof validateAndTransformQuery>[1]): Middleware & { validates: Validates } =>
  Object.assign(guarded(schema, validateAndTransformQuery(schema as never, config) as Middleware, (req) => req.query), {
    validates: { in: "query", schema } as Validates,
  })
