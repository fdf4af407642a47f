// When a delivery is tried again, and when an endpoint is given up on. Pure, with table tests.

/**
 * Waits before each attempt after the first (Standard Webhooks / Svix's schedule): 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h. The first attempt is at once; eight attempts in all over about 27 hours.
 */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 10 * 3600_000] as const

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1

/** After `attempts` failed attempts: when to try next, or null when that was the last one. */
export function nextAttemptAt({ attempts, failedAt }: { attempts: number; failedAt: Date }): Date | null {
  if (attempts < 1) return failedAt
  const delay = RETRY_DELAYS_MS[attempts - 1]
  return delay === undefined ? null : new Date(failedAt.getTime() + delay)
}

export const FAILING_DAYS_BEFORE_DISABLE = 5

/**
 * Whether an endpoint is disabled after a failed delivery: `maxConsecutiveFailures` deliveries in a row failed for
 * good, or it has failed without a single success for `FAILING_DAYS_BEFORE_DISABLE` days. The reason, or null.
 */
export function disableReason({
  consecutiveFailures,
  failingSince,
  now,
  maxConsecutiveFailures,
}: {
  consecutiveFailures: number
  failingSince: Date | null
  now: Date
  maxConsecutiveFailures: number
}): string | null {
  if (consecutiveFailures >= maxConsecutiveFailures) return `${consecutiveFailures} deliveries in a row failed`
  if (failingSince && now.getTime() - failingSince.getTime() >= FAILING_DAYS_BEFORE_DISABLE * 86_400_000) {
    return `failing without a success since ${failingSince.toISOString()}`
  }
  return null
}
