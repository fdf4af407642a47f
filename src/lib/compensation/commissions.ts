// Multi-level commission amounts. Pure: the workflow gathers the upline and the order's base, this computes.
import { compareDecimal, currencyDigits, mulDivDecimal } from "../money"

/**
 * The one rounding function of the ledger: base × rate (basis points), rounded half away from zero to the
 * currency's minor unit.
 */
export function commissionAmount({ base, rateBps, currency }: { base: string; rateBps: number; currency: string }): string {
  return mulDivDecimal({ a: base, b: rateBps, c: 10000, digits: currencyDigits(currency) })
}

export type UplineMember = {
  promoter_id: string
  /** 0 = the credited promoter, 1 = their sponsor, … */
  distance: number
  status: "pending" | "active" | "suspended" | "terminated"
  /** Commission rates by level (index 0 = level 1) of the member's tier; empty without a tier. */
  rates_bps: number[]
}

export type CommissionLine = { promoter_id: string; level: number; rate_bps: number; base: string; amount: string }

/**
 * One line per paid level. Level 1 is the credited promoter. With compression, an inactive (not active) member is
 * skipped and the next active one up takes the level; without it, that level is simply not paid.
 */
export function computeCommissions({
  chain,
  base,
  currency,
  maxDepth,
  compression,
}: {
  chain: UplineMember[]
  base: string
  currency: string
  maxDepth: number
  compression: boolean
}): CommissionLine[] {
  if (compareDecimal(base, "0") <= 0) return []
  const lines: CommissionLine[] = []
  let level = 0
  for (const member of [...chain].sort((a, b) => a.distance - b.distance)) {
    if (compression) {
      if (member.status !== "active") continue
      level += 1
    } else {
      level = member.distance + 1
      if (member.status !== "active") {
        if (level >= maxDepth) break
        continue
      }
    }
    if (level > maxDepth) break
    const rate = member.rates_bps[level - 1] ?? 0
    if (rate > 0) {
      const amount = commissionAmount({ base, rateBps: rate, currency })
      if (compareDecimal(amount, "0") > 0) lines.push({ promoter_id: member.promoter_id, level, rate_bps: rate, base, amount })
    }
    if (level >= maxDepth) break
  }
  return lines
}
