import { applyVariant, compileRule, validateRule, type Action } from ".."

const base = {
  schema_version: 1,
  name: "Win-back",
  outcome: "retention",
  subject: "customer",
  trigger: { type: "schedule", cron: "0 9 * * 1" },
}

describe("level 5 rule fields", () => {
  it("keeps existing rules valid (all new fields are optional)", () => {
    const r = validateRule({ ...base, actions: [{ type: "send_message", channel: "email", template: "hi" }] })
    expect(r.ok).toBe(true)
  })

  it("accepts a holdout, an outcome window, variants and an exploration floor", () => {
    const r = validateRule({
      ...base,
      holdout: { share: 0.1 },
      outcome_window_days: 21,
      conditions: { all: [{ fact: "customer.churn_risk", operator: "eq", value: "high" }] },
      actions: [
        {
          type: "issue_coupon",
          discount: "percentage",
          value: 10,
          validity: { type: "days", days: 30 },
          variants: [{ name: "10%" }, { name: "20%", value: 20 }],
          explore_min_share: 0.1,
        },
      ],
    })
    expect(r).toMatchObject({ ok: true })
    if (!r.ok) return
    const action = r.rule.actions[0]
    expect(applyVariant(action, { name: "20%", value: 20 })).toEqual({ type: "issue_coupon", discount: "percentage", value: 20, validity: { type: "days", days: 30 }, target: "order" })
    expect(compileRule({ id: "r", rule: r.rule }).facts.map((f) => f.name)).toEqual(["customer.churn_risk"])
  })

  it("names the path of bad level 5 fields", () => {
    const issues = (definition: Record<string, unknown>) => {
      const r = validateRule({ ...base, ...definition })
      return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`)
    }
    expect(issues({ holdout: { share: 1.5 }, actions: [{ type: "set_tags", add: ["a"] }] }).join()).toContain("holdout.share")
    expect(issues({ outcome_window_days: 0, actions: [{ type: "set_tags", add: ["a"] }] }).join()).toContain("outcome_window_days")
    const coupon = { type: "issue_coupon", discount: "percentage", value: 10, validity: { type: "days", days: 30 } }
    expect(issues({ actions: [{ ...coupon, variants: [{ name: "a" }] }] }).join()).toContain("actions.0.variants")
    expect(issues({ actions: [{ ...coupon, variants: [{ name: "a" }, { name: "a", value: 5 }] }] })).toContain("actions.0.variants: variant names must be unique")
    expect(issues({ actions: [{ ...coupon, variants: [{ name: "a" }, { name: "b", value: "lots" }] }] }).join()).toContain("actions.0.variants.1.value")
    expect(issues({ actions: [{ ...coupon, variants: [{ name: "a" }, { name: "b", discount: "fixed", value: 5 }] }] })).toContain(
      "actions.0.variants.1.currency_code: a fixed coupon needs a currency_code"
    )
    expect(issues({ actions: [{ ...coupon, variants: [{ name: "a" }, { name: "b", type: "set_tags" }] }] }).join()).toContain("actions.0.variants.1:")
    expect(issues({ actions: [{ ...coupon, variants: [{ name: "a" }, { name: "b" }, { name: "c" }], explore_min_share: 0.4 }] }).join()).toContain("actions.0.explore_min_share")
    const message = { type: "send_message", channel: "email", template: "t", variants: [{ name: "a" }, { name: "b", template: "u" }] }
    expect(issues({ actions: [message, message] })).toContain("actions.1.variants: only one action of a rule may have variants")
    expect(issues({ actions: [{ type: "delay", after: { days: 1 }, actions: [message] }] })).toContain(
      "actions.0.actions.0.variants: variants are chosen when the rule fires: not inside a delay"
    )
  })

  it("a variant's fields go through the same checks as the action's", () => {
    const action: Action = { type: "send_message", channel: "email", template: "a", to: "subject", variants: [{ name: "A" }, { name: "B", channel: "pigeon" }] }
    const r = validateRule({ ...base, actions: [action] })
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(["actions.0.variants.1.channel"])
  })
})
