// Which tier a promoter qualifies for in a period. Pure: the workflow gathers the figures.
import { compareDecimal } from "../money"

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
 * Tiers without criteria are set by hand (or by rules) and kept, unless a higher tier is earned. When the current
 * tier is an earned one that is no longer met, the promoter goes down to the higher of what the figures still earn
 * and `heldBefore`: the tier held before earning their way up, from the tier history (null: none). Without any
 * history (`undefined`) that is the lowest tier without criteria below. Losing an earned tier never lands above
 * what the figures earn or the tier held before.
 */
export function qualifyingTier(
  tiers: TierOption[],
  f: Figures,
  currentTierId: string | null = null,
  heldBeforeId?: string | null
): TierOption | null {
  const byRank = [...tiers].sort((a, b) => b.rank - a.rank)
  const earned = byRank.find((t) => t.qualification && meets(t.qualification, f)) ?? null
  const current = tiers.find((t) => t.id === currentTierId) ?? null
  if (!current) return earned
  if (!current.qualification || meets(current.qualification, f)) return earned && earned.rank > current.rank ? earned : current
  const manualBelow = byRank.filter((t) => !t.qualification && t.rank < current.rank)
  const before = heldBeforeId === undefined ? manualBelow[manualBelow.length - 1] ?? null : manualBelow.find((t) => t.id === heldBeforeId) ?? null
  return [earned, before].filter((t): t is TierOption => !!t).sort((a, b) => b.rank - a.rank)[0] ?? null
}
