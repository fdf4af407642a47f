// Property tests: whatever JSON arrives, validation answers with issues (never throws), and a rule that passes
// validation compiles and evaluates on any facts without throwing.
import fc from "fast-check"
import { compileRule, validateRule, type CompiledRule } from "../compile"
import { evaluateTrigger } from "../engine"
import { TriggerProgram } from "../program"
import { listFacts, listOperators } from "../registry"

const facts = listFacts().map((f) => f.name)
const operators = listOperators().map((o) => o.name)

const scalar = fc.oneof(fc.string(), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null))
const money = fc.record({ amount: fc.oneof(fc.integer(), fc.stringMatching(/^-?\d{1,6}(\.\d{1,3})?$/)), currency_code: fc.constantFrom("usd", "eur", "USD", "x") })
const leaf = fc.record(
  {
    fact: fc.oneof(fc.constantFrom(...facts), fc.string()),
    params: fc.oneof(
      fc.constant(undefined),
      fc.record({ window: fc.oneof(fc.constant({ type: "lifetime" }), fc.record({ type: fc.constant("calendar"), unit: fc.constantFrom("day", "week", "month", "year", "decade") })) }),
      fc.dictionary(fc.string(), scalar)
    ),
    operator: fc.oneof(fc.constantFrom(...operators), fc.string()),
    value: fc.oneof(scalar, money, fc.array(fc.oneof(scalar, money), { maxLength: 3 }), fc.constant(undefined)),
  },
  { requiredKeys: ["fact", "operator"] }
)
const condition = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, leaf, fc.record({ all: fc.array(tie("node"), { maxLength: 3 }) }), fc.record({ any: fc.array(tie("node"), { maxLength: 3 }) }), fc.record({ not: tie("node") })),
})).node

const action = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant("set_tags"), add: fc.constant(["x"]) }), weight: 6 },
  fc.record({ type: fc.constant("send_message"), channel: fc.constantFrom("email", "sms", "pigeon"), template: fc.string() }),
  fc.record({ type: fc.constant("set_tags"), add: fc.array(fc.string({ maxLength: 60 }), { maxLength: 3 }) }),
  fc.record({ type: fc.constant("emit_event"), event: fc.string() }),
  fc.record({ type: fc.string() })
)

const mostly = <T,>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: bad, weight: 1 })
const ruleLike = fc.record({
  schema_version: mostly(fc.constant(1), fc.integer()),
  name: mostly(fc.constant("r"), fc.string()),
  outcome: mostly(fc.constant("loyalty"), fc.constantFrom("sales", "fame")),
  subject: mostly(fc.constant("customer"), fc.constantFrom("promoter", "robot")),
  trigger: mostly(fc.constant({ type: "event", event: "order.placed" }), fc.oneof(fc.record({ type: fc.string() }), fc.record({ type: fc.constant("schedule"), cron: fc.string() }))),
  conditions: fc.oneof(fc.constant(undefined), condition),
  actions: fc.array(action, { minLength: 1, maxLength: 3 }),
})

describe("rule validation and evaluation on arbitrary input", () => {
  it("never throws on any JSON value, and names a path for every issue", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), ruleLike), (input) => {
        const v = validateRule(input)
        if (!v.ok) {
          expect(v.issues.length).toBeGreaterThan(0)
          for (const i of v.issues) expect(typeof i.path === "string" && i.path.length > 0 && i.message.length > 0).toBe(true)
        }
      }),
      { numRuns: 400 }
    )
  })

  it("compiles every valid rule and evaluates it on arbitrary facts without throwing", () => {
    let valid = 0
    fc.assert(
      fc.property(ruleLike, fc.array(fc.oneof(scalar, money, fc.array(scalar, { maxLength: 3 })), { minLength: 1, maxLength: 5 }), (input, values) => {
        const v = validateRule(input)
        if (!v.ok) return
        valid += 1
        const compiled = compileRule({ id: "p", rule: v.rule })
        const factValues = new Map(compiled.facts.map((f, i) => [f.key, values[i % values.length]]))
        const explained = compiled.evaluate(factValues)
        const fast = compiled.evaluate(factValues, { explain: false })
        expect(fast.matched).toBe(explained.matched)
      }),
      { numRuns: 1500 }
    )
    // The generator must reach valid rules, or this property would prove nothing.
    expect(valid).toBeGreaterThan(10)
  })

  it("the flat program of many rules agrees with rule-by-rule evaluation on arbitrary rule sets and facts", async () => {
    let compared = 0
    let held = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(ruleLike, { minLength: 1, maxLength: 60 }),
        fc.array(fc.oneof(scalar, money, fc.array(scalar, { maxLength: 3 })), { minLength: 1, maxLength: 5 }),
        async (inputs, values) => {
          const rules: CompiledRule[] = []
          inputs.forEach((input, i) => {
            const v = validateRule(input)
            if (v.ok) rules.push(compileRule({ id: `p${i}`, rule: v.rule }))
          })
          if (!rules.length) return
          const keys = [...new Set(rules.flatMap((r) => r.facts.map((f) => f.key)))]
          const factValues = new Map(keys.map((k, i) => [k, values[i % values.length]]))
          const holding = new TriggerProgram(rules).matching(factValues)
          // The program answers "do the conditions hold"; rule.evaluate also needs actions or a branch to match.
          expect(holding).not.toBeNull()
          rules.forEach((rule, i) => {
            const explained = rule.evaluate(factValues)
            expect(holding![i] === 1).toBe(explained.trace ? explained.trace.result : true)
            held += holding![i]
          })
          // And through evaluateTrigger, which takes the program from 32 rules on.
          const many = Array.from({ length: 32 }, () => rules).flat()
          const fast = await evaluateTrigger({ rules: many, provideFacts: async () => factValues, explain: false })
          fast.forEach((result, i) => expect(result.evaluation?.matched).toBe(many[i].evaluate(factValues).matched))
          compared += rules.length
        }
      ),
      { numRuns: 300 }
    )
    expect(compared).toBeGreaterThan(100)
    expect(held).toBeGreaterThan(10)
  })
})
