import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/**
 * Text PostgreSQL cannot store: the NUL character (U+0000) in any column, and a lone UTF-16 surrogate inside JSON
 * (jsonb refuses the `\ud800` escape JSON.stringify writes for it; rule definitions and metadata are jsonb).
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether any string (or key) in a parsed body or query is unstorable. Iterative: no depth or width overflows it. */
export function holdsUnstorableText(root: unknown): boolean {
  const stack: unknown[] = [root]
  while (stack.length) {
    const value = stack.pop()
    if (typeof value === "string") {
      if (UNSTORABLE.test(value)) return true
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push(item)
    } else if (value !== null && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (UNSTORABLE.test(key)) return true
        stack.push(v)
      }
    }
  }
  return false
}

/**
 * A request carrying such text in its path, query or body would reach the database and fail there with a 500; the
 * plugin's routes refuse it up front with a 400 instead. (A URL cannot carry a lone surrogate: `%00` is what to look
 * for there.)
 */
export function refuseUnstorableText(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (/%00/.test(req.originalUrl) || holdsUnstorableText(req.query) || holdsUnstorableText(req.body)) {
    res.status(400).json({ type: "invalid_data", message: "Text must be well-formed Unicode without the NUL character (U+0000)" })
    return
  }
  next()
}
