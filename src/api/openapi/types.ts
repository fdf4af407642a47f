import type { z } from "@medusajs/framework/zod"

/**
 * Who may call an operation. admin: a logged-in admin (session cookie, bearer token or secret API key); store: a
 * storefront's publishable key; customer: the store's key and a logged-in customer; public: anyone (no key).
 */
export type Auth = "admin" | "store" | "customer" | "store_optional_customer" | "public"

/** A response that is not a JSON body: a redirect, an image, a CSV file, an HTML page, an empty 304. */
export type RawResponse = {
  description: string
  /** Content type → JSON Schema of the body (`{ type: "string", format: "binary" }` for an image). */
  content?: Record<string, { schema: Record<string, unknown> }>
  headers?: Record<string, { description: string; schema?: Record<string, unknown>; required?: boolean }>
}

/** A JSON body: the zod schema the route answers with, and what it means. */
export type JsonResponse = { description: string; schema: z.ZodType; headers?: RawResponse["headers"] }

export type Operation = {
  method: "get" | "post" | "delete"
  /** OpenAPI style: `/admin/promoters/{id}`. */
  path: string
  tag: string
  summary: string
  description?: string
  auth: Auth
  /** The very zod objects the middlewares validate with (src/api/middlewares.ts), never copies. */
  query?: z.ZodType
  body?: z.ZodType
  /** Successful answers by status. */
  responses: Record<number, JsonResponse | RawResponse>
  /** Statuses answered with the error body `{ type, message }`, each with when it happens. */
  errors: Record<number, string>
}

export const isJsonResponse = (r: JsonResponse | RawResponse): r is JsonResponse => "schema" in r
