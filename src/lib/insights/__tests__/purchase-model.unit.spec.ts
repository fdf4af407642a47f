import { expectedOrders, fitBgNbd, logLikelihood, pAlive, pOrderWithin, rftOf } from "../bgnbd"
import { generateHistory } from "../../../../integration-tests/fixtures/generate-history"
import { auc, validateOnHoldout } from "../validate"

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000)

describe("BG/NBD", () => {
  it("summarises order dates as recency, frequency and tenure (one count per day)", () => {
    expect(rftOf([day(0), day(0), day(10), day(30)], day(100))).toEqual({ x: 2, t_x: 30, T: 100 })
    expect(rftOf([day(50)], day(40))).toBeNull()
  })

  it("matches the closed forms on hand-checked values", () => {
    const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } // FHL 2005, CDNOW (weeks)
    // A customer with x = 2, t_x = 30.43, T = 38.86 weeks (FHL's worked example): E[X(39)] ≈ 1.226
    const rft = { x: 2, t_x: 30.43, T: 38.86 }
    expect(expectedOrders(params, rft, 39)).toBeCloseTo(1.226, 2)
    expect(pAlive(params, { x: 0, t_x: 0, T: 10 })).toBe(1)
    expect(pOrderWithin(params, rft, 1e9)).toBeCloseTo(pAlive(params, rft), 6)
    // The CDNOW log-likelihood at the published optimum is −9582.4 over 2,357 customers; one customer's term is finite.
    expect(Number.isFinite(logLikelihood(params, [{ rft, weight: 1 }]))).toBe(true)
  })

  it("recovers the parameters of a generated population", () => {
    const truth = { r: 0.8, alpha: 60, a: 0.9, b: 3 }
    const customers = generateHistory({ seed: "recover", customers: 6000, start: day(0), end: day(730), ...truth })
    const fit = fitBgNbd(customers.map((c) => rftOf(c.orders.map((o) => o.at), day(730))!))
    // The mean purchase rate r/α and the mean dropout a/(a+b) are what the data pins down best.
    expect(fit.params.r / fit.params.alpha).toBeCloseTo(truth.r / truth.alpha, 2)
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeGreaterThan(0.15)
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeLessThan(0.28)
  })

  it("beats the naive baselines on held-out history", () => {
    const customers = generateHistory({ seed: "holdout", customers: 4000, start: day(0), end: day(730) })
    const v = validateOnHoldout({ customers: customers.map((c) => ({ id: c.key, orders: c.orders.map((o) => o.at) })), cutoff: day(640) })
    for (const h of v.horizons) {
      expect(h.model.brier).toBeLessThan(h.baseline_own_rate.brier)
      expect(h.model.brier).toBeLessThan(h.baseline_population.brier)
      expect(h.model.auc).toBeGreaterThan(h.baseline_population.auc)
      expect(h.orders_mae.model).toBeLessThan(h.orders_mae.baseline_own_rate)
      // Calibrated: the predicted share of buyers is within a few points of the real one.
      expect(Math.abs(h.model.mean_predicted - h.actual_rate)).toBeLessThan(0.04)
    }
    expect(v.beats_baseline).toBe(true)
  })

  it("AUC of a perfect and a useless ranking", () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1)
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5)
  })
})
