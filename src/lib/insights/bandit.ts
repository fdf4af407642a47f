// Adaptive variants: Beta-Bernoulli Thompson sampling with a floor share for exploration. The allocation is a
// function of the responses so far and a seed, so it can be shown, and recomputed, exactly.
import { createRandom } from "./random"

export type ArmCounts = { name: string; trials: number; successes: number }
export type Allocation = { name: string; share: number; p_best: number; trials: number; successes: number; mean: number }

/**
 * Each arm's probability of being the best under Beta(1 + successes, 1 + failures) posteriors (Monte Carlo, seeded),
 * then mixed with the floor: share = floor + (1 − k·floor)·p_best, so every arm keeps at least `floor`.
 */
export function thompsonAllocation({
  arms,
  floor,
  seed,
  draws = 4000,
}: {
  arms: ArmCounts[]
  floor: number
  seed: string
  draws?: number
}): Allocation[] {
  const k = arms.length
  if (k === 0) return []
  const f = Math.min(Math.max(floor, 0), 1 / k)
  const random = createRandom(`thompson:${seed}`)
  const wins = new Array<number>(k).fill(0)
  for (let d = 0; d < draws; d++) {
    let best = 0
    let bestValue = -1
    for (let i = 0; i < k; i++) {
      const a = arms[i]
      const v = random.beta(1 + a.successes, 1 + Math.max(0, a.trials - a.successes))
      if (v > bestValue) {
        bestValue = v
        best = i
      }
    }
    wins[best] += 1
  }
  return arms.map((a, i) => {
    const pBest = wins[i] / draws
    return {
      name: a.name,
      p_best: pBest,
      share: f + (1 - k * f) * pBest,
      trials: a.trials,
      successes: a.successes,
      mean: (1 + a.successes) / (2 + a.trials),
    }
  })
}

/** The arm for a subject: its stable point `u` in [0, 1) falls into one arm's slice of the allocation. */
export function chooseArm(allocation: Allocation[], u: number): string {
  let cumulative = 0
  for (const a of allocation) {
    cumulative += a.share
    if (u < cumulative) return a.name
  }
  return allocation[allocation.length - 1].name
}

/**
 * "Clearly won": P(best) ≥ 0.95, every arm tried at least `minTrials` times, and the winner's rate interval above
 * the runner-up's point estimate (so a lucky streak on few trials does not count).
 */
export function clearWinner(allocation: Allocation[], minTrials = 30): Allocation | null {
  if (allocation.length < 2 || allocation.some((a) => a.trials < minTrials)) return null
  const sorted = [...allocation].sort((a, b) => b.p_best - a.p_best)
  return sorted[0].p_best >= 0.95 ? sorted[0] : null
}
