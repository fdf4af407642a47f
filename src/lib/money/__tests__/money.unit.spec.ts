import { BigNumber } from "@medusajs/framework/utils"
import fc from "fast-check"
import { addDecimal, currencyDigits, decimalOf, mulDivDecimal, multiplyDecimal, roundMoney, subtractDecimal } from ".."

describe("money", () => {
  it.each([
    ["1.005", "eur", "1.01"],
    ["1.004", "eur", "1"],
    ["-1.005", "eur", "-1.01"],
    ["-0.004", "eur", "0"],
    ["2.5", "jpy", "3"],
    ["-2.5", "jpy", "-3"],
    ["1.0005", "kwd", "1.001"],
    ["12", "usd", "12"],
  ])("rounds %s %s half away from zero to %s", (amount, currency, rounded) => {
    expect(roundMoney(amount, currency)).toBe(rounded)
  })

  it.each([
    ["EUR", 2],
    ["jpy", 0],
    ["KWD", 3],
    ["xof", 0],
  ])("knows the minor unit of %s", (currency, digits) => {
    expect(currencyDigits(currency)).toBe(digits)
  })

  it("rounds a product and a quotient the same one way", () => {
    expect(multiplyDecimal("10.05", 0.5, 2)).toBe("5.03")
    expect(mulDivDecimal({ a: "10.05", b: 5000, c: 10000, digits: 2 })).toBe("5.03")
    expect(mulDivDecimal({ a: "-10.05", b: 5000, c: 10000, digits: 2 })).toBe("-5.03")
    expect(mulDivDecimal({ a: "1", b: 1, c: 3, digits: 2 })).toBe("0.33")
  })

  it("reads Medusa's amounts exactly: numbers, strings, BigNumber and raw columns", () => {
    expect(decimalOf(12.34)).toBe("12.34")
    expect(decimalOf("0.1")).toBe("0.1")
    expect(decimalOf(null)).toBe("0")
    expect(decimalOf(undefined)).toBe("0")
    expect(decimalOf(new BigNumber("123456789012345678.123456789"))).toBe("123456789012345678.123456789")
    expect(decimalOf({ value: "7.5", precision: 20 })).toBe("7.5")
    expect(() => decimalOf({ nothing: true })).toThrow("not an amount")
  })

  it("adds and subtracts exactly (no float ever): a − b + b = a", () => {
    const decimal = fc
      .tuple(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 6 }))
      .map(([int, scale]) => {
        const s = (int < 0n ? -int : int).toString().padStart(scale + 1, "0")
        return `${int < 0n ? "-" : ""}${scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s}`
      })
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(addDecimal(subtractDecimal(a, b), b)).toBe(addDecimal(a, "0"))
      })
    )
  })
})
