import { mainCurrency, niceMax, periodsBetween, stacks } from "../chart-data"
import type { IncomeOverTime, Stats } from "../types"

const range = { from: "2026-11-04", to: "2026-11-17", granularity: "day" as const }
const income = (series: IncomeOverTime["series"]): IncomeOverTime => ({ range, series, totals: [] })
const point = (period: string, clicks: number, conversions: number) => ({ period, clicks, conversions, unique_clicks: clicks, invitations: 0, revenue: [] })

describe("the portal chart's numbers", () => {
  it("lists the first day of every period in the range: days, weeks from Monday, months from the 1st", () => {
    expect(periodsBetween("2026-11-29", "2026-12-02", "day")).toEqual(["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"])
    // 2026-11-04 is a Wednesday: its week starts on Monday the 2nd.
    expect(periodsBetween("2026-11-04", "2026-11-17", "week")).toEqual(["2026-11-02", "2026-11-09", "2026-11-16"])
    expect(periodsBetween("2026-11-15", "2027-01-03", "month")).toEqual(["2026-11-01", "2026-12-01", "2027-01-01"])
  })

  it("tops the axis at 1, 2, 2.5, 5 or 10 times a power of ten", () => {
    expect([0, 1, 3, 7, 24, 26, 101, 0.3].map(niceMax)).toEqual([1, 1, 5, 10, 25, 50, 200, 0.5])
  })

  it("charts the currency with the most income in the range", () => {
    expect(mainCurrency(null)).toBeNull()
    const eur = { period: "2026-11-05", currency_code: "eur", pending: "5", approved: "0", paid: "0" }
    const usd = { period: "2026-11-05", currency_code: "usd", pending: "1", approved: "2", paid: "3" }
    expect(mainCurrency(income([eur, usd]))).toBe("usd")
    expect(mainCurrency({ ...income([]), totals: [{ currency_code: "eur", pending: "1", approved: "0", paid: "0" }] })).toBe("eur")
  })

  it("stacks paid, approved and pending income of that currency, or one value of clicks or orders, per period", () => {
    const totals = { clicks: 7, unique_clicks: 7, invitations: 0, conversions: 2, conversion_rate: 2 / 7 }
    const stats: Stats = { range, totals, revenue: [], by_channel: [], series: [point("2026-11-05", 7, 2)], income: [] }
    const periods = ["2026-11-04", "2026-11-05"]
    const money = income([
      { period: "2026-11-05", currency_code: "usd", pending: "1", approved: "2.5", paid: "3" },
      { period: "2026-11-04", currency_code: "eur", pending: "9", approved: "0", paid: "0" },
    ])
    expect(stacks({ periods, metric: "clicks", stats, income: money, currency: "usd" })).toEqual([[], [{ key: "value", value: 7 }]])
    expect(stacks({ periods, metric: "conversions", stats, income: money, currency: "usd" })).toEqual([[], [{ key: "value", value: 2 }]])
    expect(stacks({ periods, metric: "income", stats, income: money, currency: "usd" })).toEqual([
      [],
      [
        { key: "paid", value: 3 },
        { key: "approved", value: 2.5 },
        { key: "pending", value: 1 },
      ],
    ])
  })
})
