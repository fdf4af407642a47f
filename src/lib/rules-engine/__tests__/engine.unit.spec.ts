import { compileRule, factKey, findEventCycle, validateRule, type FactRequest, type SharedLeaf } from "../compile"
import { addDecimal, compareDecimal, multiplyDecimal } from "../../money"
import { evaluateTrigger, RuleIndex } from "../engine"
import { windowRange } from "../periods"
import { RULE_LIMITS } from "../limits"
import type { Rule, RuleInput } from "../schema"

const base: RuleInput = {
  schema_version: 1,
  name: "Big spender in July",
  outcome: "loyalty",
  subject: "customer",
  trigger: { type: "event", event: "order.placed" },
  conditions: {
    all: [
      {
        fact: "customer.purchases.sum",
        params: { window: { type: "month_of_year", month: 7 } },
        operator: "gte",
        value: { amount: 100, currency_code: "USD" },
      },
    ],
  },
  actions: [{ type: "issue_coupon", discount: "percentage", value: 50, validity: { type: "next_period", unit: "month" } }],
}

function valid(input: RuleInput): Rule {
  const v = validateRule(input)
  if (!v.ok) throw new Error(JSON.stringify(v.issues))
  return v.rule
}

describe("rule validation", () => {
  it("accepts a well-formed rule and fills defaults", () => {
    const rule = valid(base)
    expect(rule.frequency).toEqual({ type: "every_time" })
    expect(rule.branches).toEqual([])
  })

  it.each([
    ["schema_version", { ...base, schema_version: 2 }],
    ["trigger.event", { ...base, trigger: { type: "event" } }],
    ["conditions.all.0.value.amount", { ...base, conditions: { all: [{ fact: "customer.purchases.sum", operator: "gte", value: { amount: "x", currency_code: "USD" } }] } }],
    ["conditions.all.0.fact", { ...base, conditions: { all: [{ fact: "customer.shoe_size", operator: "eq", value: 42 }] } }],
    ["conditions.all.0.operator", { ...base, conditions: { all: [{ fact: "customer.tenure_years", operator: "approximately", value: 5 }] } }],
    ["conditions.all.0.params.window.season", { ...base, conditions: { all: [{ fact: "customer.purchases.sum", params: { window: { type: "season", season: "monsoon" } }, operator: "gte", value: 1 }] } }],
    ["conditions.any.0.fact", { ...base, conditions: { any: [{ fact: "promoter.sales.count", params: { window: { type: "lifetime" } }, operator: "gt", value: 1 }] } }],
    ["actions.0.type", { ...base, actions: [{ type: "launch_rocket" }] }],
    ["actions.0.event", { ...base, actions: [{ type: "emit_event", event: "order.placed" }] }],
    ["actions.0.event", { ...base, trigger: { type: "event", event: "rule.x" }, actions: [{ type: "emit_event", event: "rule.x" }] }],
    ["actions", { ...base, actions: [] }],
    ["actions.0.type", { ...base, actions: [{ type: "change_tier", to: "next" }] }],
  ])("rejects a rule whose %s is bad, naming that path", (path, input) => {
    const v = validateRule(input)
    expect(v.ok).toBe(false)
    if (!v.ok) expect(v.issues.map((i) => i.path)).toContain(path)
  })

  it("refuses trees past the documented limits with a named path, without recursing into them", () => {
    const leaf = { fact: "customer.tenure_years", operator: "gte", value: 1 }
    const nested = (levels: number) => {
      let c: Record<string, unknown> = leaf
      for (let i = 1; i < levels; i++) c = { not: c }
      return c
    }
    // 32 levels (31 nots around a leaf) is allowed; 33 and 3,000 are refused at "conditions", not by a stack overflow.
    expect(validateRule({ ...base, conditions: nested(RULE_LIMITS.maxConditionDepth) }).ok).toBe(true)
    for (const levels of [RULE_LIMITS.maxConditionDepth + 1, 3000, 100000]) {
      const v = validateRule({ ...base, conditions: nested(levels) })
      expect(v.ok).toBe(false)
      if (!v.ok) expect(v.issues).toEqual([{ path: "conditions", message: expect.stringContaining(`${RULE_LIMITS.maxConditionDepth} levels`) }])
    }
    const branch = (n: number) => ({ when: { all: Array.from({ length: n }, () => leaf) }, actions: base.actions })
    // 20 branches × 50 leaves + their groups: more than 1,000 nodes in all.
    const big = validateRule({ ...base, conditions: undefined, branches: Array.from({ length: 20 }, () => branch(50)) })
    expect(big.ok).toBe(false)
    if (!big.ok) expect(big.issues[0].path).toMatch(/^branches\.\d+\.when$/)
    expect(validateRule({ ...base, conditions: undefined, branches: Array.from({ length: 19 }, () => branch(50)) }).ok).toBe(true)
    let deepData: unknown = 1
    for (let i = 0; i < 5000; i++) deepData = [deepData]
    const deep = validateRule({ ...base, actions: [{ type: "set_metadata", values: { x: deepData } }] })
    expect(deep.ok).toBe(false)
    if (!deep.ok) expect(deep.issues[0].path).toBe("actions.0")
    for (const bad of [null, undefined, 42, "rule", []]) expect(validateRule(bad).ok).toBe(false)
  })

  it("finds loops across rules chained by events", () => {
    const a = valid({ ...base, trigger: { type: "event", event: "rule.a" }, actions: [{ type: "emit_event", event: "rule.b" }] })
    const b = valid({ ...base, trigger: { type: "event", event: "rule.b" }, actions: [{ type: "emit_event", event: "rule.a" }] })
    const c = valid({ ...base, trigger: { type: "event", event: "rule.c" }, actions: [{ type: "emit_event", event: "rule.a" }] })
    expect(findEventCycle([{ id: "c", rule: c }, { id: "a", rule: a }, { id: "b", rule: b }])).toEqual(["a", "b", "a"])
    expect(findEventCycle([{ id: "c", rule: c }, { id: "a", rule: a }])).toBeNull()
  })
})

describe("evaluation with traces", () => {
  // A money fact compared with a dollar amount is measured in dollars: the currency joins the fact's params.
  const july = factKey("customer.purchases.sum", { window: { type: "month_of_year", month: 7 }, currency_code: "usd" })

  it("fires when the leaf holds and explains each leaf with the value it saw", () => {
    const compiled = compileRule({ id: "r1", rule: valid(base) })
    expect(compiled.facts.map((f) => f.key)).toEqual([july])
    const yes = compiled.evaluate(new Map([[july, { amount: "120.50", currency_code: "usd" }]]))
    expect(yes.matched).toBe(true)
    expect(yes.actions).toHaveLength(1)
    expect(yes.trace).toEqual({
      kind: "all",
      result: true,
      children: [
        expect.objectContaining({ kind: "leaf", operator: "gte", actual: { amount: "120.50", currency_code: "usd" }, result: true }),
      ],
    })
    const no = compiled.evaluate(new Map([[july, { amount: "99.99", currency_code: "usd" }]]))
    expect(no.matched).toBe(false)
    const otherCurrency = compiled.evaluate(new Map([[july, { amount: "500", currency_code: "eur" }]]))
    expect(otherCurrency.matched).toBe(false)
    expect((otherCurrency.trace as { children: { note?: string }[] }).children[0].note).toBe("currency eur is not usd")
  })

  it("short-circuits all/any, negates not, and picks the first matching branch", () => {
    const rule = valid({
      ...base,
      subject: "promoter",
      conditions: {
        any: [
          { not: { fact: "promoter.status", operator: "eq", value: "active" } },
          { fact: "promoter.tags", operator: "contains", value: "party_host" },
        ],
      },
      actions: [],
      branches: [
        { name: "gold", when: { fact: "promoter.tier_rank", operator: "gte", value: 3 }, actions: [{ type: "set_tags", add: ["gold"] }] },
        { name: "others", when: { fact: "promoter.tier_rank", operator: "between", value: [0, 2] }, actions: [{ type: "set_tags", add: ["others"] }] },
      ],
    })
    const compiled = compileRule({ id: "r2", rule })
    const facts = (status: string, tags: string[], rank: number) =>
      new Map<string, unknown>([
        [factKey("promoter.status"), status],
        [factKey("promoter.tags"), tags],
        [factKey("promoter.tier_rank"), rank],
      ])
    const r = compiled.evaluate(facts("active", ["party_host"], 1))
    expect(r.matched).toBe(true)
    expect(r.branch).toEqual(expect.objectContaining({ index: 1, name: "others" }))
    expect(r.actions).toEqual([{ type: "set_tags", add: ["others"], remove: [] }])
    expect(compiled.evaluate(facts("active", [], 5)).matched).toBe(false)
    const suspended = compiled.evaluate(facts("suspended", [], 5))
    expect(suspended.branch?.name).toBe("gold")
    expect((suspended.trace as { children: unknown[] }).children).toHaveLength(1)
  })

  it("evaluates only the rules of the trigger, fetches each fact once, and isolates a failing rule", async () => {
    const index = new RuleIndex([
      compileRule({ id: "a", rule: valid(base) }),
      compileRule({ id: "b", rule: valid({ ...base, name: "B" }) }),
      compileRule({ id: "c", rule: valid({ ...base, trigger: { type: "date", date: "birthday" }, conditions: undefined }) }),
    ])
    expect(index.rulesFor("event:order.placed").map((r) => r.id)).toEqual(["a", "b"])
    const asked: FactRequest[][] = []
    const results = await evaluateTrigger({
      rules: index.rulesFor("event:order.placed"),
      provideFacts: async (requests) => {
        asked.push(requests)
        return new Map([[july, { amount: 100, currency_code: "usd" }]])
      },
    })
    expect(asked).toHaveLength(1)
    expect(asked[0]).toHaveLength(1)
    expect(results.map((r) => r.evaluation?.matched)).toEqual([true, true])

    const broken = compileRule({ id: "x", rule: valid(base) })
    broken.evaluate = () => {
      throw new Error("boom")
    }
    const mixed = await evaluateTrigger({ rules: [broken, index.rulesFor("event:order.placed")[0]], provideFacts: async () => new Map([[july, { amount: 100, currency_code: "usd" }]]) })
    expect(mixed.map((r) => r.error ?? r.evaluation?.matched)).toEqual(["boom", true])
  })
})

describe("many rules", () => {
  const july = factKey("customer.purchases.sum", { window: { type: "month_of_year", month: 7 }, currency_code: "usd" })
  it("keeps lists handed out unchanged when rules are added, and sorts by priority", () => {
    const index = new RuleIndex([compileRule({ id: "low", rule: valid({ ...base, priority: 1 }) })])
    const before = index.rulesFor("event:order.placed")
    index.add(compileRule({ id: "high", rule: valid({ ...base, priority: 9 }) }))
    expect(before.map((r) => r.id)).toEqual(["low"])
    expect(index.rulesFor("event:order.placed").map((r) => r.id)).toEqual(["high", "low"])
    expect(index.rulesFor("event:order.placed")).toBe(index.rulesFor("event:order.placed"))
  })

  it("evaluates a large rule set through the flat program, with the same matches and explanations as one by one", async () => {
    const rules = Array.from({ length: 300 }, (_, i) =>
      compileRule({
        id: `r${i}`,
        rule: valid({
          ...base,
          name: `r${i}`,
          conditions: {
            all: [
              { fact: "customer.tenure_years", operator: "gte", value: i % 7 },
              { any: [{ fact: "customer.tags", operator: "contains", value: `tag${i % 13}` }, { fact: "customer.email", operator: "eq", value: `user${i % 17}@example.com` }] },
              { not: { fact: "customer.purchases.count", params: { window: { type: "lifetime" } }, operator: "lt", value: i % 5 } },
            ],
          },
        }),
      })
    )
    const index = new RuleIndex(rules)
    const list = index.rulesFor("event:order.placed")
    const values = new Map<string, unknown>()
    for (const f of index.factsFor("event:order.placed")) {
      values.set(f.key, f.name === "customer.tenure_years" ? 4 : f.name === "customer.tags" ? ["tag3"] : f.name === "customer.email" ? "user3@example.com" : 2)
    }
    const fast = await evaluateTrigger({ rules: list, provideFacts: async () => values, explain: false })
    const slow = await evaluateTrigger({ rules: list, provideFacts: async () => values })
    const matchedFast = fast.filter((r) => r.evaluation?.matched).map((r) => r.rule.id)
    expect(matchedFast).toEqual(slow.filter((r) => r.evaluation?.matched).map((r) => r.rule.id))
    expect(matchedFast.length).toBeGreaterThan(5)
    expect(matchedFast.length).toBeLessThan(300)
    const firstMatch = fast.find((r) => r.evaluation?.matched)!
    expect(firstMatch.explain!().trace).toEqual(slow.find((r) => r.rule.id === firstMatch.rule.id)!.evaluation!.trace)
  })

  it("falls back to rule-by-rule evaluation when a shared leaf throws, and reports it on the rules that use it", async () => {
    const rules = Array.from({ length: 40 }, (_, i) => compileRule({ id: `t${i}`, rule: valid({ ...base, name: `t${i}` }) }))
    const values = new Map<string, unknown>([[july, { amount: 100, currency_code: "usd" }]])
    // base's conditions are all: [one leaf]
    const shape = rules[0].shape
    const first = shape?.op === "all" ? shape.children[0] : null
    if (first?.op !== "leaf") throw new Error("base changed: its conditions are no longer all: [leaf]")
    const leaf: SharedLeaf = first.leaf
    const original = leaf.check
    leaf.check = () => {
      throw new Error("leaf broke")
    }
    try {
      const results = await evaluateTrigger({ rules, provideFacts: async () => values, explain: false })
      // The closures of the tree walk hold the original check, so evaluation goes on rule by rule and matches.
      expect(results.every((r) => r.evaluation?.matched)).toBe(true)
    } finally {
      leaf.check = original
    }
  })
})

describe("periods in the store's time zone", () => {
  const ctx = (iso: string, timeZone = "UTC") => ({ now: new Date(iso), timeZone, seasons: [] })

  it("computes calendar months, previous months and named months", () => {
    expect(windowRange({ type: "calendar", unit: "month", offset: 0 }, ctx("2026-07-15T12:00:00Z"))).toEqual({
      start: new Date("2026-07-01T00:00:00Z"),
      end: new Date("2026-08-01T00:00:00Z"),
      key: "month:2026-07",
    })
    expect(windowRange({ type: "calendar", unit: "month", offset: -1 }, ctx("2026-01-15T12:00:00Z")).key).toBe("month:2025-12")
    expect(windowRange({ type: "month_of_year", month: 7, years_ago: 0 }, ctx("2026-08-02T00:00:00Z")).key).toBe("month:2026-07")
  })

  it("starts months at local midnight", () => {
    const r = windowRange({ type: "calendar", unit: "month", offset: 0 }, ctx("2026-07-01T02:00:00Z", "America/New_York"))
    expect(r.key).toBe("month:2026-06")
    expect(r.start.toISOString()).toBe("2026-06-01T04:00:00.000Z")
    expect(r.end.toISOString()).toBe("2026-07-01T04:00:00.000Z")
  })

  it("resolves seasons, including ones that wrap the year end", () => {
    expect(windowRange({ type: "season", season: "autumn", years_ago: 0 }, ctx("2026-10-10T00:00:00Z")).key).toBe("season:autumn:2026")
    const christmasLastYear = windowRange({ type: "season", season: "christmas", years_ago: 1 }, ctx("2026-12-01T00:00:00Z"))
    expect(christmasLastYear).toEqual({
      start: new Date("2025-11-15T00:00:00Z"),
      end: new Date("2025-12-25T00:00:00Z"),
      key: "season:christmas:2025",
    })
    const winter = windowRange({ type: "season", season: "winter", years_ago: 0 }, ctx("2027-01-10T00:00:00Z"))
    expect(winter.start.toISOString()).toBe("2026-12-01T00:00:00.000Z")
    expect(winter.key).toBe("season:winter:2027")
  })

  it("measures windows since the subject started", () => {
    const r = windowRange({ type: "since_subject", months: 3 }, { ...ctx("2026-05-01T00:00:00Z"), subjectStart: new Date("2026-03-10T00:00:00Z") })
    expect(r.end.toISOString()).toBe("2026-06-10T00:00:00.000Z")
  })
})

describe("exact decimals", () => {
  it.each([
    ["0.1", "0.2", "0.3"],
    ["1499.99", "0.01", "1500"],
    ["-5", "2.5", "-2.5"],
  ])("%s + %s = %s", (a, b, sum) => {
    expect(addDecimal(a, b)).toBe(sum)
  })

  it("compares and multiplies with half-away-from-zero rounding", () => {
    expect(compareDecimal("1200.00", 1200)).toBe(0)
    expect(compareDecimal("1199.999", "1200")).toBe(-1)
    expect(multiplyDecimal("10.005", 1, 2)).toBe("10.01")
    expect(multiplyDecimal("-10.005", 1, 2)).toBe("-10.01")
    expect(multiplyDecimal("333.33", 0.3, 2)).toBe("100")
  })
})
