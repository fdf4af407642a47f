import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/** Whether any string (or key) in a parsed body or query holds U+0000. Iterative: nesting depth cannot overflow it. */
export function holdsNul(root: unknown): boolean {
  const stack: unknown[] = [root]
  while (stack.length) {
    const value = stack.pop()
    if (typeof value === "string") {
      if (value.includes("\u0000")) return true
    } else if (Array.isArray(value)) {
      stack.push(...value)
    } else if (value !== null && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (key.includes("\u0000")) return true
        stack.push(v)
      }
    }
  }
  return false
}

/**
 * PostgreSQL text cannot hold the NUL character (U+0000): a request carrying one in its path, query or body would
 * reach the database and fail there with a 500. The plugin's routes refuse it up front with a 400 instead.
 */
export function refuseNulCharacters(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (/%00/.test(req.originalUrl) || holdsNul(req.query) || holdsNul(req.body)) {
    res.status(400).json({ type: "invalid_data", message: "Text must not contain the NUL character (U+0000)" })
    return
  }
  next()
}
