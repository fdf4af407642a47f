import { BigNumber } from "@medusajs/framework/utils"
import { nullableRawNumberSql, RAW_PRECISION, rawNumber, rawNumberSql, rawValueSql, setBigNumberSql } from "../raw-columns"

describe("raw_ columns", () => {
  it("use the precision Medusa's BigNumber writes", () => {
    expect(RAW_PRECISION).toBe(BigNumber.DEFAULT_PRECISION)
    // What the ORM stores for a bigNumber set from an exact string.
    expect(rawNumber("12.345")).toEqual({ value: "12.345", precision: new BigNumber("12.345").raw?.precision })
  })

  it.each([
    ["?::text", `jsonb_build_object('value', (?::text)::text, 'precision', 20)`],
    ["a.volume + b.volume", `jsonb_build_object('value', (a.volume + b.volume)::text, 'precision', 20)`],
    ["0", `jsonb_build_object('value', (0)::text, 'precision', 20)`],
  ])("rawNumberSql(%s)", (expression, sql) => {
    expect(rawNumberSql(expression)).toBe(sql)
  })

  it.each([
    ["?::text", `case when (?::text) is null then null else jsonb_build_object('value', (?::text)::text, 'precision', 20) end`],
    ["x.month_sales", `case when (x.month_sales) is null then null else jsonb_build_object('value', (x.month_sales)::text, 'precision', 20) end`],
  ])("nullableRawNumberSql(%s)", (expression, sql) => {
    expect(nullableRawNumberSql(expression)).toBe(sql)
  })

  it.each([
    ["revenue", "coalesce(f.revenue, 0)", `revenue = coalesce(f.revenue, 0), raw_revenue = jsonb_build_object('value', (coalesce(f.revenue, 0))::text, 'precision', 20)`],
    ["volume", "v.volume", `volume = v.volume, raw_volume = jsonb_build_object('value', (v.volume)::text, 'precision', 20)`],
  ])("setBigNumberSql(%s, %s)", (column, expression, sql) => {
    expect(setBigNumberSql(column, expression)).toBe(sql)
  })

  it.each([
    ["raw_amount", `((raw_amount)->>'value')::numeric`],
    ["s.totals->'raw_current_order_total'", `((s.totals->'raw_current_order_total')->>'value')::numeric`],
  ])("rawValueSql(%s)", (expression, sql) => {
    expect(rawValueSql(expression)).toBe(sql)
  })
})
