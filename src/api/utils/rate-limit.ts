import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../modules/promoter"
import type PromoterModuleService from "../../modules/promoter/service"
import type { PluginOptions } from "../../lib/options"

type Window = { count: number; resetAt: number }

/**
 * A fixed-window limit per client IP, kept in this process (each server process counts on its own). Answers 429
 * with Retry-After when the limit is passed.
 */
export function rateLimit(limitOf: (options: PluginOptions) => number, windowMs = 60_000) {
  const windows = new Map<string, Window>()
  let lastSweep = Date.now()
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const now = Date.now()
    if (now - lastSweep > windowMs) {
      for (const [key, w] of windows) if (w.resetAt <= now) windows.delete(key)
      lastSweep = now
    }
    const limit = limitOf(req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).getOptions())
    const key = req.ip ?? "unknown"
    let w = windows.get(key)
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs }
      windows.set(key, w)
    }
    w.count += 1
    if (w.count > limit) {
      res.setHeader("Retry-After", String(Math.ceil((w.resetAt - now) / 1000)))
      res.status(429).json({ type: "too_many_requests", message: "Too many requests; try again later" })
      return
    }
    next()
  }
}
