// Which tier a promoter qualifies for in a period. Pure: the workflow gathers the figures.
import { compareDecimal } from "../rules-engine/decimal"

export type Qualification = {
  personal_volume?: { amount: string | number; currency_code: string }
  group_volume?: { amount: string | number; currency_code: string }
  active_recruits?: number
}

export type Figures = {
  /** Credited sales of the promoter in the period, per currency. */
  personal_volume: Record<string, string>
  /** Credited sales of the whole downline in the period, per currency. */
  group_volume: Record<string, string>
  active_recruits: number
}

export type TierOption = { id: string; name: string; rank: number; qualification: Qualification | null }

export function meets(q: Qualification | null, f: Figures): boolean {
  if (!q) return true
  const money = (need: { amount: string | number; currency_code: string } | undefined, have: Record<string, string>) =>
    !need || compareDecimal(have[need.currency_code.toLowerCase()] ?? "0", String(need.amount)) >= 0
  return money(q.personal_volume, f.personal_volume) && money(q.group_volume, f.group_volume) && (q.active_recruits ?? 0) <= f.active_recruits
}

/**
 * The tier for the period. Tiers with criteria are earned: the highest one whose criteria the figures meet wins.
 * Tiers without criteria are set by hand (or by rules) and kept, unless the current tier is an earned one that is
 * no longer met: then the promoter falls back to the highest tier without criteria below it (or none).
 */
export function qualifyingTier(tiers: TierOption[], f: Figures, currentTierId: string | null = null): TierOption | null {
  const byRank = [...tiers].sort((a, b) => b.rank - a.rank)
  const earned = byRank.find((t) => t.qualification && meets(t.qualification, f))
  const current = tiers.find((t) => t.id === currentTierId) ?? null
  if (earned && (!current || earned.rank >= current.rank || current.qualification)) return earned
  if (!current) return null
  if (!current.qualification || meets(current.qualification, f)) return current
  return byRank.find((t) => !t.qualification && t.rank < current.rank) ?? null
}
