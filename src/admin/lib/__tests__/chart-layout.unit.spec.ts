import { barLayout } from "../chart-layout"

describe("barLayout", () => {
  it("draws one period as one narrow bar in the middle, not a block across the chart", () => {
    const { width, bar, x } = barLayout({ count: 1 })
    expect(bar).toBeLessThanOrEqual(24)
    expect(bar / width).toBeLessThan(0.1)
    expect(x(0) + bar / 2).toBeCloseTo(width / 2)
  })

  it("gives many periods equal slots whose bars never touch", () => {
    for (const count of [2, 7, 30, 90]) {
      const { width, bar, x } = barLayout({ count })
      expect(x(0)).toBeGreaterThan(0)
      for (let i = 1; i < count; i++) expect(x(i) - x(i - 1) - bar).toBeGreaterThan(0)
      expect(x(count - 1) + bar).toBeLessThan(width)
    }
  })

  it("keeps the bar at 70 % of its slot when slots are narrow", () => {
    expect(barLayout({ count: 30 }).bar).toBeCloseTo(28 * 0.7)
  })
})
