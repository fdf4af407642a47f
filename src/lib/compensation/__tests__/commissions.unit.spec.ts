import { commissionAmount, computeCommissions, type UplineMember } from "../commissions"

describe("commission rounding (one function)", () => {
  it.each([
    ["100", 1000, "usd", "10"],
    ["99.99", 1500, "usd", "15"], // 14.9985 → 15.00
    ["10.01", 500, "usd", "0.5"], // 0.5005 → 0.50
    ["10.03", 500, "usd", "0.5"], // 0.5015 → 0.50 (half away from zero at the third decimal only)
    ["10.10", 500, "usd", "0.51"], // 0.505 → 0.51
    ["1999", 333, "jpy", "67"], // 66.5667 → 67
    ["12.345", 1000, "kwd", "1.235"], // 1.2345 → 1.235
  ])("%s × %i bps in %s = %s", (base, rate, currency, amount) => {
    expect(commissionAmount({ base, rateBps: rate, currency })).toBe(amount)
  })
})

describe("multi-level commissions", () => {
  const chain = (statuses: UplineMember["status"][]): UplineMember[] =>
    statuses.map((status, distance) => ({ promoter_id: `p${distance}`, distance, status, rates_bps: [1000, 500, 300, 200] }))

  it("pays every level up to the depth", () => {
    expect(computeCommissions({ chain: chain(["active", "active", "active", "active"]), base: "200", currency: "usd", maxDepth: 3, compression: false })).toEqual([
      { promoter_id: "p0", level: 1, rate_bps: 1000, base: "200", amount: "20" },
      { promoter_id: "p1", level: 2, rate_bps: 500, base: "200", amount: "10" },
      { promoter_id: "p2", level: 3, rate_bps: 300, base: "200", amount: "6" },
    ])
  })

  it("skips an inactive upline without compression, and lets the next active one take the level with it", () => {
    const c = chain(["active", "suspended", "active", "active"])
    expect(computeCommissions({ chain: c, base: "200", currency: "usd", maxDepth: 3, compression: false }).map((l) => [l.promoter_id, l.level])).toEqual([
      ["p0", 1],
      ["p2", 3],
    ])
    expect(computeCommissions({ chain: c, base: "200", currency: "usd", maxDepth: 3, compression: true }).map((l) => [l.promoter_id, l.level, l.amount])).toEqual([
      ["p0", 1, "20"],
      ["p2", 2, "10"],
      ["p3", 3, "6"],
    ])
  })

  it("uses each member's own tier rates", () => {
    const c: UplineMember[] = [
      { promoter_id: "bronze", distance: 0, status: "active", rates_bps: [1000] },
      { promoter_id: "gold", distance: 1, status: "active", rates_bps: [1500, 700] },
    ]
    expect(computeCommissions({ chain: c, base: "100", currency: "eur", maxDepth: 5, compression: false }).map((l) => l.amount)).toEqual(["10", "7"])
  })

  it("rounds rate × base once, half away from zero", () => {
    expect(commissionAmount({ base: "33.333333333333", rateBps: 1000, currency: "usd" })).toBe("3.33")
    expect(commissionAmount({ base: "0.05", rateBps: 1000, currency: "usd" })).toBe("0.01")
    expect(commissionAmount({ base: "120", rateBps: 1000, currency: "jpy" })).toBe("12")
  })
})

import { qualifyingTier } from "../qualification"

describe("tier qualification", () => {
  const tiers = [
    { id: "bronze", name: "Bronze", rank: 1, qualification: null },
    { id: "silver", name: "Silver", rank: 2, qualification: { personal_volume: { amount: 500, currency_code: "usd" } } },
    { id: "gold", name: "Gold", rank: 3, qualification: { personal_volume: { amount: 500, currency_code: "usd" }, group_volume: { amount: "2000", currency_code: "usd" }, active_recruits: 2 } },
  ]
  it.each([
    [{ personal_volume: {}, group_volume: {}, active_recruits: 0 }, "bronze", "bronze"],
    [{ personal_volume: { usd: "500" }, group_volume: {}, active_recruits: 5 }, "bronze", "silver"],
    [{ personal_volume: { usd: "500" }, group_volume: { usd: "1999.99" }, active_recruits: 5 }, "bronze", "silver"],
    [{ personal_volume: { usd: "500" }, group_volume: { usd: "2000" }, active_recruits: 2 }, "silver", "gold"],
    [{ personal_volume: { eur: "900" }, group_volume: { usd: "2000" }, active_recruits: 2 }, "bronze", "bronze"],
    [{ personal_volume: { usd: "10" }, group_volume: {}, active_recruits: 0 }, "gold", "bronze"],
    [{ personal_volume: { usd: "600" }, group_volume: {}, active_recruits: 0 }, "gold", "silver"],
  ])("%p with tier %s qualifies for %s", (figures, current, tier) => {
    expect(qualifyingTier(tiers, figures, current)?.id).toBe(tier)
  })

  it("keeps hand-set tiers without criteria and never promotes into them", () => {
    const manual = [...tiers, { id: "ambassador", name: "Ambassador", rank: 10, qualification: null }]
    expect(qualifyingTier(manual, { personal_volume: {}, group_volume: {}, active_recruits: 0 }, "ambassador")?.id).toBe("ambassador")
    expect(qualifyingTier(manual, { personal_volume: { usd: "500" }, group_volume: {}, active_recruits: 0 }, "bronze")?.id).toBe("silver")
    expect(qualifyingTier(manual, { personal_volume: {}, group_volume: {}, active_recruits: 0 }, null)).toBeNull()
  })

  // Bronze (by hand) → Silver (earned in December) must never become Gold (by hand, above Silver) when an older or
  // weaker period is qualified: the fall lands on what was held before, or what the figures still earn.
  describe("losing an earned tier", () => {
    const ladder = [
      { id: "bronze", name: "Bronze", rank: 1, qualification: null },
      { id: "gold", name: "Gold", rank: 2, qualification: null },
      { id: "silver", name: "Silver", rank: 3, qualification: { personal_volume: { amount: 500, currency_code: "usd" } } },
      { id: "platinum", name: "Platinum", rank: 4, qualification: { personal_volume: { amount: 2000, currency_code: "usd" } } },
    ]
    const none = { personal_volume: {}, group_volume: {}, active_recruits: 0 }
    it.each([
      ["held Bronze before", "silver", "bronze", none, "bronze"],
      ["held nothing before", "silver", null, none, null],
      ["no history: the lowest tier by hand", "silver", undefined, none, "bronze"],
      ["held Gold before", "silver", "gold", none, "gold"],
      ["still earns Silver after Platinum", "platinum", "bronze", { ...none, personal_volume: { usd: "600" } }, "silver"],
      ["held Gold, earns Silver: the higher", "platinum", "gold", { ...none, personal_volume: { usd: "600" } }, "silver"],
    ])("%s", (_name, current, before, figures, expected) => {
      expect(qualifyingTier(ladder, figures, current, before)?.id ?? null).toBe(expected)
    })
    it("a tier by hand is kept unless a higher one is earned", () => {
      expect(qualifyingTier(ladder, { ...none, personal_volume: { usd: "600" } }, "gold")?.id).toBe("silver")
      expect(qualifyingTier(ladder, none, "gold")?.id).toBe("gold")
    })
  })
})
