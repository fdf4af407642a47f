import { thompsonAllocation } from "../bandit"
import { createRandom } from "../random"
import { suggestionsFor, thresholdSuggestion, type RuleMeasurements } from "../suggest"
import { deterministicWriter, registerSummaryWriter, writeSummary, type SummaryFigures } from "../summary-text"
import { compareArms } from "../uplift"

function measurements(over: Partial<RuleMeasurements>): RuleMeasurements {
  return { rule_id: "r", rule_name: "Nudge", comparison: null, cost_total: 0, currency_code: "usd", variants: null, exposures: [], thresholds: [], ...over }
}

describe("suggestions", () => {
  it("flags no measurable uplift and a negative one, and stays quiet on a working rule or too little data", () => {
    const flat = compareArms({ n: 200, responders: 40, revenue_sum: 0, revenue_sum_sq: 0 }, { n: 100, responders: 20, revenue_sum: 0, revenue_sum_sq: 0 })
    expect(suggestionsFor(measurements({ comparison: flat })).map((s) => s.kind)).toEqual(["no_uplift"])
    const down = compareArms({ n: 1000, responders: 100, revenue_sum: 0, revenue_sum_sq: 0 }, { n: 1000, responders: 200, revenue_sum: 0, revenue_sum_sq: 0 })
    expect(suggestionsFor(measurements({ comparison: down })).map((s) => s.kind)).toEqual(["negative_uplift"])
    const up = compareArms({ n: 1000, responders: 300, revenue_sum: 0, revenue_sum_sq: 0 }, { n: 1000, responders: 200, revenue_sum: 0, revenue_sum_sq: 0 })
    expect(suggestionsFor(measurements({ comparison: up }))).toEqual([])
    const few = compareArms({ n: 10, responders: 1, revenue_sum: 0, revenue_sum_sq: 0 }, { n: 10, responders: 5, revenue_sum: 0, revenue_sum_sq: 0 })
    expect(suggestionsFor(measurements({ comparison: few }))).toEqual([])
  })

  it("finds the threshold above which the action works", () => {
    const random = createRandom("threshold")
    const exposures: RuleMeasurements["exposures"] = []
    for (let i = 0; i < 2000; i++) {
      const value = 50 + random.int(251)
      const arm = random.next() < 0.5 ? "treated" : "holdout"
      const p = arm === "treated" && value >= 180 ? 0.45 : 0.15
      exposures.push({ arm, responded: random.next() < p, revenue: 0, cost: 1, values: [value] })
    }
    const all = exposures.reduce(
      (t, e) => {
        const a = t[e.arm]
        a.n += 1
        a.responders += e.responded ? 1 : 0
        return t
      },
      { treated: { n: 0, responders: 0, revenue_sum: 0, revenue_sum_sq: 0 }, holdout: { n: 0, responders: 0, revenue_sum: 0, revenue_sum_sq: 0 } }
    )
    const [s] = suggestionsFor(
      measurements({ comparison: compareArms(all.treated, all.holdout), exposures, thresholds: [{ fact: "customer.purchases.sum", operator: "gte", threshold: 50, currency_code: "usd" }] })
    )
    expect(s.kind).toBe("raise_threshold")
    expect(s.evidence.suggested_threshold).toBeGreaterThanOrEqual(165)
    expect(s.evidence.suggested_threshold).toBeLessThanOrEqual(200)
    expect(s.message).toMatch(/raise customer\.purchases\.sum from 50 USD to \d+ USD/)
  })

  it("places the threshold near a planted step in more than 82 % of 400 seeded small samples", () => {
    // 400 subjects, values uniform 50–300, half held out; above 150 the action lifts the response from 15 % to 45 %.
    // Which subjects respond is random, so a sample can mislead; the share of samples the choice survives is the
    // figure that matters. The previous rule, the raw largest gap, landed in 120–180 in 72.5 % of these same samples
    // (measured by swapping it back in), so this bound fails on it.
    const runs = 400
    let near = 0
    let suggested = 0
    for (let run = 0; run < runs; run++) {
      const random = createRandom(`step-${run}`)
      const exposures: RuleMeasurements["exposures"] = Array.from({ length: 400 }, () => {
        const value = 50 + random.int(251)
        const arm = random.next() < 0.5 ? ("treated" as const) : ("holdout" as const)
        const p = arm === "treated" && value >= 150 ? 0.45 : 0.15
        return { arm, responded: random.next() < p, revenue: 0, cost: 1, values: [value] }
      })
      const s = thresholdSuggestion(measurements({ exposures, thresholds: [{ fact: "customer.purchases.sum", operator: "gte", threshold: 50, currency_code: "usd" }] }), 0)
      if (!s) continue
      suggested += 1
      const cut = s.evidence.suggested_threshold as number
      if (cut >= 120 && cut <= 180) near += 1
    }
    expect(suggested / runs).toBeGreaterThan(0.95)
    expect(near / runs).toBeGreaterThan(0.82)
  })

  it("names a variant that clearly won, with its figures", () => {
    const allocation = thompsonAllocation({ arms: [{ name: "A", trials: 150, successes: 15 }, { name: "B", trials: 150, successes: 60 }], floor: 0.05, seed: "x" })
    const [s] = suggestionsFor(measurements({ variants: { allocation, winner: "B", response_rates: { A: 0.1, B: 0.4 } } }))
    expect(s).toMatchObject({ kind: "variant_won", evidence: { winner: "B" } })
    expect(s.message).toContain('"A" 15 of 150')
  })
})

describe("summary writers", () => {
  const figures: SummaryFigures = {
    period: { from: "2027-03-01T00:00:00.000Z", to: "2027-03-08T00:00:00.000Z" },
    currency_code: "usd",
    rules: [{ id: "r", name: "Nudge", fired: 10, acted: 9, held_out: 1, responded: 3, revenue: "120", cost: "0", verdict: "not_enough_data", response_uplift: null, net_return: null }],
    totals: { acted: 9, held_out: 1, responded: 3, revenue: "120", cost: "0" },
    promoters_close: [],
    suggestions: [],
    model: null,
  }

  afterEach(() => registerSummaryWriter(null))

  it("writes the same text for the same figures by default", async () => {
    const a = await writeSummary(figures)
    expect(a).toEqual({ text: deterministicWriter.write(figures), writer: "deterministic" })
    expect(a.text).toContain("Nudge: fired 10, acted 9, 3 responded, revenue 120 USD")
  })

  it("uses a plugged-in writer, and falls back to the deterministic text when it fails", async () => {
    registerSummaryWriter({ name: "llm", write: async (f) => `A fine week: ${f.totals.responded} responses.` })
    expect(await writeSummary(figures)).toEqual({ text: "A fine week: 3 responses.", writer: "llm" })
    registerSummaryWriter({ name: "llm", write: async () => { throw new Error("rate limited") } })
    const fallback = await writeSummary(figures)
    expect(fallback).toMatchObject({ writer: "deterministic", error: "rate limited" })
  })
})
