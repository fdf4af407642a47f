import {
  CODE_ALPHABET,
  couponCodeFrom,
  generateReferralCode,
  normalizeCode,
  vanityCodeProblem,
} from "../utils/codes"

describe("referral codes", () => {
  it("generates codes only from the unambiguous alphabet", () => {
    const seen = new Set<string>()
    for (let i = 0; i < 2000; i++) {
      const code = generateReferralCode()
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{7}$/)
      seen.add(code)
    }
    expect(seen.size).toBeGreaterThan(1990)
    for (const ambiguous of ["0", "O", "1", "I", "L"]) {
      expect(CODE_ALPHABET).not.toContain(ambiguous)
    }
  })

  it.each([
    ["jane", null],
    ["Jane-Doe", null],
    ["ab", "must be 3 to 32 characters"],
    ["x".repeat(33), "must be 3 to 32 characters"],
    ["jane doe", "may contain only letters A-Z, digits and inner hyphens"],
    ["-jane", "may contain only letters A-Z, digits and inner hyphens"],
    ["jané", "may contain only letters A-Z, digits and inner hyphens"],
    ["ja--ne", "must not contain two hyphens in a row"],
    ["admin", '"ADMIN" is reserved'],
  ])("vanity code %p → %p", (code, problem) => {
    expect(vanityCodeProblem(code)).toBe(problem)
  })

  it("normalizes case and spaces", () => {
    expect(normalizeCode("  jane-10 ")).toBe("JANE-10")
  })

  it("builds readable coupon codes", () => {
    expect(couponCodeFrom({ base: "Jane Doe", suffix: "10" })).toBe("JANEDOE10")
    expect(couponCodeFrom({ base: "Zoë", suffix: "x5" })).toBe("ZOEX5")
    expect(couponCodeFrom({ base: "!!!", suffix: "10" })).toBe("PROMO10")
  })
})
