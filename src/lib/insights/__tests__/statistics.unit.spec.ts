import { chooseArm, clearWinner, thompsonAllocation } from "../bandit"
import { isHeldOut, stableUnit } from "../bucket"
import { monthEndPace, poissonAtLeast, probabilityToReach } from "../forecast"
import { nelderMead } from "../nelder-mead"
import { createRandom } from "../random"
import { hyp2f1, logGamma } from "../special"
import { compareArms, meanDifference, proportionDifference, tQuantile975, wilson } from "../uplift"

describe("seeded randomness", () => {
  it("repeats for a seed and differs across seeds", () => {
    const a = createRandom("x")
    const b = createRandom("x")
    const c = createRandom("y")
    const sa = Array.from({ length: 5 }, () => a.next())
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa)
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa)
  })

  it("draws from the distributions with the right means", () => {
    const r = createRandom("moments")
    const n = 20000
    const mean = (f: () => number) => Array.from({ length: n }, f).reduce((s, v) => s + v, 0) / n
    expect(mean(() => r.gamma(2.5, 2))).toBeCloseTo(5, 0)
    expect(mean(() => r.gamma(0.4, 1))).toBeCloseTo(0.4, 1)
    expect(mean(() => r.beta(2, 6))).toBeCloseTo(0.25, 1)
    expect(mean(() => r.poisson(3.2))).toBeCloseTo(3.2, 1)
    expect(mean(() => r.exponential(0.5))).toBeCloseTo(2, 0)
  })
})

describe("stable buckets", () => {
  it("puts a subject in the same group every time, about `share` of subjects held out, independently per rule", () => {
    expect(stableUnit("a")).toBe(stableUnit("a"))
    const ids = Array.from({ length: 20000 }, (_, i) => `cus_${i}`)
    const held = ids.filter((id) => isHeldOut({ salt: "rule_1", subjectId: id, share: 0.1 }))
    expect(held.length / ids.length).toBeGreaterThan(0.09)
    expect(held.length / ids.length).toBeLessThan(0.11)
    const other = ids.filter((id) => isHeldOut({ salt: "rule_2", subjectId: id, share: 0.1 }))
    const both = held.filter((id) => other.includes(id)).length
    expect(both / ids.length).toBeLessThan(0.015) // ~1 % if independent
    expect(ids.some((id) => isHeldOut({ salt: "r", subjectId: id, share: 0 }))).toBe(false)
  })
})

describe("intervals", () => {
  it("Wilson interval matches published values", () => {
    // Newcombe (1998), table I: 81/263 → 0.2553 to 0.3662.
    const w = wilson(81, 263)
    expect(w.low).toBeCloseTo(0.2553, 3)
    expect(w.high).toBeCloseTo(0.3662, 3)
  })

  it("Newcombe's difference of proportions matches the published example", () => {
    // Newcombe (1998), example (a): 56/70 − 48/80 → 0.0524 to 0.3339.
    const d = proportionDifference({ successes: 56, n: 70 }, { successes: 48, n: 80 })
    expect(d.estimate).toBeCloseTo(0.2, 6)
    expect(d.low).toBeCloseTo(0.0524, 3)
    expect(d.high).toBeCloseTo(0.3339, 3)
  })

  it("Student t quantiles and Welch's interval", () => {
    expect(tQuantile975(10)).toBeCloseTo(2.228, 2)
    expect(tQuantile975(30)).toBeCloseTo(2.042, 3)
    expect(tQuantile975(1e9)).toBeCloseTo(1.96, 2)
    const d = meanDifference({ mean: 10, variance: 4, n: 50 }, { mean: 9, variance: 9, n: 40 })
    const se = Math.sqrt(4 / 50 + 9 / 40)
    expect(d.high - d.estimate).toBeGreaterThan(1.96 * se)
    expect(d.high - d.estimate).toBeLessThan(2.01 * se)
  })

  it("covers the true difference about 95 % of the time (simulation)", () => {
    const r = createRandom("coverage")
    let covered = 0
    const runs = 400
    for (let k = 0; k < runs; k++) {
      const arm = (p: number, n: number) => {
        let s = 0
        let sum = 0
        let sq = 0
        for (let i = 0; i < n; i++) {
          const yes = r.next() < p
          const revenue = yes ? 50 + 20 * r.normal() : 0
          s += yes ? 1 : 0
          sum += revenue
          sq += revenue * revenue
        }
        return { n, responders: s, revenue_sum: sum, revenue_sum_sq: sq }
      }
      const c = compareArms(arm(0.3, 400), arm(0.2, 300))
      if (c.response_uplift!.low <= 0.1 && c.response_uplift!.high >= 0.1) covered += 1
    }
    expect(covered / runs).toBeGreaterThan(0.92)
    expect(covered / runs).toBeLessThan(0.985)
  })

  it("says plainly when there is not enough data, and never calls an interval spanning zero a win", () => {
    const few = compareArms({ n: 20, responders: 10, revenue_sum: 500, revenue_sum_sq: 30000 }, { n: 5, responders: 0, revenue_sum: 0, revenue_sum_sq: 0 })
    expect(few.verdict).toBe("not_enough_data")
    expect(few.reason).toContain("not enough data")
    const flat = compareArms({ n: 100, responders: 21, revenue_sum: 1000, revenue_sum_sq: 60000 }, { n: 100, responders: 20, revenue_sum: 1000, revenue_sum_sq: 60000 })
    expect(flat.verdict).toBe("no_measurable_difference")
    const up = compareArms({ n: 1000, responders: 300, revenue_sum: 1, revenue_sum_sq: 1 }, { n: 1000, responders: 200, revenue_sum: 1, revenue_sum_sq: 1 })
    expect(up.verdict).toBe("positive")
    const down = compareArms({ n: 1000, responders: 150, revenue_sum: 1, revenue_sum_sq: 1 }, { n: 1000, responders: 250, revenue_sum: 1, revenue_sum_sq: 1 })
    expect(down.verdict).toBe("negative")
  })
})

describe("Thompson sampling", () => {
  it("is reproducible, keeps the floor, and favours the better arm as evidence grows", () => {
    const arms = [
      { name: "A", trials: 200, successes: 20 },
      { name: "B", trials: 200, successes: 60 },
    ]
    const one = thompsonAllocation({ arms, floor: 0.1, seed: "s" })
    expect(thompsonAllocation({ arms, floor: 0.1, seed: "s" })).toEqual(one)
    expect(one.find((a) => a.name === "A")!.share).toBeCloseTo(0.1, 2)
    expect(one.find((a) => a.name === "B")!.share).toBeCloseTo(0.9, 2)
    expect(one.reduce((s, a) => s + a.share, 0)).toBeCloseTo(1, 9)
    const fresh = thompsonAllocation({ arms: arms.map((a) => ({ ...a, trials: 0, successes: 0 })), floor: 0.1, seed: "s" })
    expect(fresh[0].share).toBeGreaterThan(0.4)
    expect(fresh[0].share).toBeLessThan(0.6)
    expect(clearWinner(one)?.name).toBe("B")
    expect(clearWinner(fresh)).toBeNull()
  })

  it("moves most traffic to the better arm in a simulated run", () => {
    const truth: Record<string, number> = { A: 0.05, B: 0.15, C: 0.1 }
    const counts = Object.keys(truth).map((name) => ({ name, trials: 0, successes: 0 }))
    const r = createRandom("sim")
    const picks: Record<string, number> = { A: 0, B: 0, C: 0 }
    for (let round = 0; round < 20; round++) {
      const allocation = thompsonAllocation({ arms: counts, floor: 0.05, seed: `round-${round}`, draws: 1000 })
      for (let i = 0; i < 100; i++) {
        const arm = chooseArm(allocation, r.next())
        if (round >= 15) picks[arm] += 1
        const c = counts.find((x) => x.name === arm)!
        c.trials += 1
        if (r.next() < truth[arm]) c.successes += 1
      }
    }
    expect(picks.B / 500).toBeGreaterThan(0.6)
  })
})

describe("numerics", () => {
  it("log-gamma and the hypergeometric series", () => {
    expect(logGamma(1)).toBeCloseTo(0, 10)
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10)
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10)
    expect(logGamma(101)).toBeCloseTo(363.739375555563, 6) // ln 100!
    // ₂F₁(1, 1; 2; z) = −ln(1 − z) / z
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 10)
  })

  it("Nelder–Mead finds the minimum of the Rosenbrock function", () => {
    const { x } = nelderMead(([a, b]) => (1 - a) ** 2 + 100 * (b - a * a) ** 2, [-1.2, 1], { maxIterations: 5000, tolerance: 1e-14 })
    expect(x[0]).toBeCloseTo(1, 3)
    expect(x[1]).toBeCloseTo(1, 3)
  })

  it("Poisson tails and month pace", () => {
    expect(poissonAtLeast(1, 2)).toBeCloseTo(1 - Math.exp(-2), 10)
    expect(poissonAtLeast(3, 2)).toBeCloseTo(1 - Math.exp(-2) * (1 + 2 + 2), 10)
    expect(monthEndPace({ soFar: 600, elapsedDays: 10, daysInMonth: 30 })).toBe(1800)
    expect(probabilityToReach({ current: 1500, target: 1500, remainingDays: 1, dailyOrderRate: 0, averageOrderValue: 1 })).toBe(1)
    expect(probabilityToReach({ current: 1200, target: 1500, remainingDays: 10, dailyOrderRate: 0.3, averageOrderValue: 100 })).toBeCloseTo(poissonAtLeast(3, 3), 10)
  })
})
