import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { PROMOTER_MODULE } from "../../modules/promoter"
import type PromoterModuleService from "../../modules/promoter/service"
import type { PluginOptions } from "../../lib/options"
import { clientAddress } from "./client-address"
import { clock } from "../../lib/clock"

type Window = { count: number; resetAt: number }

/** Requests past their limit that were let through (short-link redirects): they are served, but not counted. */
const overLimit = new WeakSet<object>()

export function isOverRateLimit(req: MedusaRequest): boolean {
  return overLimit.has(req)
}

/**
 * A fixed window per client address (clientAddress: the connection's, or `req.ip` behind a proxy the store trusts),
 * kept in this process: each server process counts on its own. The window of an IP starts with its first request, so a burst is
 * held to `limit` requests; across a window's end an IP can get up to twice the limit within a short time.
 *
 * Past the limit, `reject` answers 429 with Retry-After; `serve` lets the request through marked as over the limit
 * (isOverRateLimit), for handlers that must still answer (a shopper's short link still redirects).
 */
export function rateLimit(
  limitOf: (options: PluginOptions) => number,
  { windowMs = 60_000, overLimit: mode = () => "reject" }: { windowMs?: number; overLimit?: (req: MedusaRequest) => "reject" | "serve" } = {}
) {
  const windows = new Map<string, Window>()
  let lastSweep = clock.elapsedMs()
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const now = clock.elapsedMs()
    if (now - lastSweep > windowMs) {
      for (const [key, w] of windows) if (w.resetAt <= now) windows.delete(key)
      lastSweep = now
    }
    const limit = limitOf(req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE).getOptions())
    const key = clientAddress(req) ?? "unknown"
    let w = windows.get(key)
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowMs }
      windows.set(key, w)
    }
    w.count += 1
    if (w.count > limit) {
      if (mode(req) === "serve") {
        overLimit.add(req)
        return next()
      }
      res.setHeader("Retry-After", String(Math.ceil((w.resetAt - now) / 1000)))
      res.status(429).json({ type: "too_many_requests", message: "Too many requests; try again later" })
      return
    }
    next()
  }
}
