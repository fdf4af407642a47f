// Validates rules against the vocabulary and compiles them once into closures.
import { parseExpression } from "cron-parser"
import { getFact, getOperator } from "./registry"
import { findSeason } from "./periods"
import { ActionSchema, formatRuleIssues, RuleSchema, type Action, type Condition, type Leaf, type Rule } from "./schema"
import { applyVariant, hasVariants } from "./variants"

export type Issue = { path: string; message: string }
export type FactRequest = { key: string; name: string; params: Record<string, unknown> }
export type FactValues = Map<string, unknown>

export type LeafTrace = {
  kind: "leaf"
  fact: string
  params?: Record<string, unknown>
  operator: string
  expected?: unknown
  actual: unknown
  result: boolean
  note?: string
}
export type Trace = LeafTrace | { kind: "all" | "any"; result: boolean; children: Trace[] } | { kind: "not"; result: boolean; child: Trace }

export type Evaluation = {
  matched: boolean
  trace: Trace | null
  branch: { index: number; name?: string; trace: Trace | null } | null
  actions: Action[]
}

/**
 * The shape of a rule's conditions over the shared leaves, for engines that evaluate many rules at once (see
 * TriggerProgram): the same truth table as `evaluate`, without traces.
 */
export type ConditionShape =
  | { op: "all" | "any"; children: ConditionShape[] }
  | { op: "not"; child: ConditionShape }
  | { op: "leaf"; leaf: SharedLeaf }

export type CompiledRule = {
  id: string
  version: number
  rule: Rule
  triggerKey: string
  /** Facts the conditions, branches and calculated amounts need (fetched once per evaluation). */
  facts: FactRequest[]
  /** The conditions over shared leaves (null: no conditions, always true). */
  shape: ConditionShape | null
  /** With explain (default), non-matching rules also return their trace; without, only matching ones do (fast path). */
  evaluate: (facts: FactValues, options?: { explain?: boolean }) => Evaluation
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`
  if (value && typeof value === "object") {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(",")}}`
  }
  return JSON.stringify(value)
}

const internedKeys = new Map<string, string>()

/**
 * The key of a fact request. Keys are interned: every rule asking for the same fact holds the same string, so map
 * look-ups during evaluation compare by identity instead of by content.
 */
export function factKey(name: string, params: Record<string, unknown> = {}): string {
  const key = `${name}${stable(params)}`
  const known = internedKeys.get(key)
  if (known) return known
  const flat = key.split("").join("") // a flat copy, not a rope of concatenations
  internedKeys.set(flat, flat)
  return flat
}

export function triggerKeyOf(rule: Rule): string {
  const t = rule.trigger
  return t.type === "event" ? `event:${t.event}` : t.type === "date" ? `date:${t.date}` : `schedule:${t.cron}`
}

/** Parses and checks a rule: schema, then vocabulary (facts, operators, params, seasons) and self-loops. */
export function validateRule(input: unknown): { ok: true; rule: Rule } | { ok: false; issues: Issue[] } {
  const parsed = RuleSchema.safeParse(input)
  if (!parsed.success) return { ok: false, issues: formatRuleIssues(parsed.error) }
  const rule = parsed.data
  const issues: Issue[] = []
  const checkWindow = (params: Record<string, unknown> | undefined, path: string) => {
    const w = params?.window as { type?: string; season?: string } | undefined
    if (w?.type === "season" && w.season && !findSeason(w.season, rule.seasons)) {
      issues.push({ path: `${path}.params.window.season`, message: `unknown season "${w.season}"` })
    }
  }
  const checkFact = (name: string, params: Record<string, unknown> | undefined, path: string) => {
    const def = getFact(name)
    if (!def) return issues.push({ path: `${path}.fact`, message: `unknown fact "${name}"` })
    if (def.subject !== "any" && def.subject !== rule.subject) {
      issues.push({ path: `${path}.fact`, message: `fact "${name}" is about a ${def.subject}, the rule's subject is a ${rule.subject}` })
    }
    const p = def.params.safeParse(params ?? {})
    if (!p.success) {
      for (const i of p.error.issues) issues.push({ path: [`${path}.params`, ...i.path].join("."), message: i.message })
    }
    checkWindow(params, path)
  }
  const walk = (c: Condition, path: string) => {
    if ("all" in c) return c.all.forEach((x, i) => walk(x, `${path}.all.${i}`))
    if ("any" in c) return c.any.forEach((x, i) => walk(x, `${path}.any.${i}`))
    if ("not" in c) return walk(c.not, `${path}.not`)
    checkFact(c.fact, c.params, path)
    const op = getOperator(c.operator)
    if (!op) return issues.push({ path: `${path}.operator`, message: `unknown operator "${c.operator}"` })
    if (op.value === "none" && c.value !== undefined) issues.push({ path: `${path}.value`, message: `operator "${c.operator}" takes no value` })
    if (op.value !== "none" && c.value === undefined) issues.push({ path: `${path}.value`, message: `operator "${c.operator}" needs a value` })
    if (op.value === "list" && !Array.isArray(c.value)) issues.push({ path: `${path}.value`, message: `operator "${c.operator}" needs a list` })
    if (op.value === "pair" && !(Array.isArray(c.value) && c.value.length === 2)) {
      issues.push({ path: `${path}.value`, message: `operator "${c.operator}" needs [low, high]` })
    }
  }
  let variantActions = 0
  const walkActions = (actions: Action[], path: string, options: { inDelay?: boolean } = {}) =>
    actions.forEach((a, i) => checkAction(a, `${path}.${i}`, options))
  const checkAction = (a: Action, p: string, { inDelay = false }: { inDelay?: boolean }) => {
    if (a.type === "delay") walkActions(a.actions, `${p}.actions`, { inDelay: true })
    if (hasVariants(a)) {
      variantActions += 1
      if (inDelay) issues.push({ path: `${p}.variants`, message: "variants are chosen when the rule fires: not inside a delay" })
      if (variantActions === 2) issues.push({ path: `${p}.variants`, message: "only one action of a rule may have variants" })
      const names = a.variants.map((v) => v.name)
      if (new Set(names).size !== names.length) issues.push({ path: `${p}.variants`, message: "variant names must be unique" })
      if ((a.explore_min_share ?? 0) * a.variants.length > 1) {
        issues.push({ path: `${p}.explore_min_share`, message: `${a.variants.length} variants cannot each keep ${a.explore_min_share}` })
      }
      a.variants.forEach((v, j) => {
        const vp = `${p}.variants.${j}`
        if ("type" in v || "variants" in v || "explore_min_share" in v) {
          issues.push({ path: vp, message: "a variant changes the action's fields, not its type or variants" })
          return
        }
        const merged = ActionSchema.safeParse(applyVariant(a, v))
        if (!merged.success) for (const issue of formatRuleIssues(merged.error)) issues.push({ path: `${vp}.${issue.path}`, message: issue.message })
        else checkAction(merged.data, vp, { inDelay })
      })
    }
    if ((a.type === "issue_coupon" && typeof a.value === "object") || (a.type === "award_bonus" && typeof a.amount === "object")) {
      const amount = (a.type === "issue_coupon" ? a.value : a.amount) as { fact: string; params?: Record<string, unknown> }
      checkFact(amount.fact, amount.params, `${p}.${a.type === "issue_coupon" ? "value" : "amount"}`)
    }
    if (a.type === "issue_coupon" && a.discount === "fixed" && !a.currency_code) {
      issues.push({ path: `${p}.currency_code`, message: "a fixed coupon needs a currency_code" })
    }
    if (a.type === "issue_coupon" && a.validity.type === "season" && !findSeason(a.validity.season, rule.seasons)) {
      issues.push({ path: `${p}.validity.season`, message: `unknown season "${a.validity.season}"` })
    }
    if (a.type === "issue_coupon" && rule.subject !== "customer") {
      issues.push({ path: `${p}.type`, message: "coupons are issued to customers" })
    }
    if ((a.type === "change_tier" || a.type === "change_status" || a.type === "award_bonus") && rule.subject !== "promoter") {
      issues.push({ path: `${p}.type`, message: `${a.type} needs a promoter subject` })
    }
    if (a.type === "emit_event" && rule.trigger.type === "event" && rule.trigger.event === a.event) {
      issues.push({ path: `${p}.event`, message: `the rule would trigger itself with "${a.event}"` })
    }
  }
  if (rule.trigger.type === "schedule") {
    try {
      parseExpression(rule.trigger.cron)
    } catch (error) {
      issues.push({ path: "trigger.cron", message: `not a cron expression: ${(error as Error).message}` })
    }
  }
  if (rule.conditions) walk(rule.conditions, "conditions")
  rule.branches.forEach((b, i) => {
    walk(b.when, `branches.${i}.when`)
    walkActions(b.actions, `branches.${i}.actions`)
  })
  walkActions(rule.actions, "actions")
  if (rule.frequency.type === "once_per_period") checkWindow({ window: rule.frequency.window }, "frequency")
  return issues.length ? { ok: false, issues } : { ok: true, rule }
}

/** Rule chains through emitted events: returns a cycle (list of rule ids) if rules can trigger each other forever. */
export function findEventCycle(rules: { id: string; rule: Rule }[]): string[] | null {
  const emits = (actions: Action[]): string[] =>
    actions.flatMap((a) => (a.type === "emit_event" ? [a.event] : a.type === "delay" ? emits(a.actions) : []))
  const edges = new Map<string, string[]>()
  for (const r of rules) {
    const events = [...emits(r.rule.actions), ...r.rule.branches.flatMap((b) => emits(b.actions))]
    edges.set(
      r.id,
      rules.filter((o) => o.rule.trigger.type === "event" && events.includes(o.rule.trigger.event)).map((o) => o.id)
    )
  }
  const state = new Map<string, "visiting" | "done">()
  const stack: string[] = []
  const visit = (id: string): string[] | null => {
    if (state.get(id) === "visiting") return stack.slice(stack.indexOf(id)).concat(id)
    if (state.get(id) === "done") return null
    state.set(id, "visiting")
    stack.push(id)
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    stack.pop()
    state.set(id, "done")
    return null
  }
  for (const r of rules) {
    const cycle = visit(r.id)
    if (cycle) return cycle
  }
  return null
}

/** `test` answers fast without allocating a trace; `run` answers with the trace; `shape` is the tree over shared leaves. */
type Compiled = { test: (facts: FactValues) => boolean; run: (facts: FactValues) => Trace; shape: ConditionShape }

function compileCondition(c: Condition, requests: Map<string, FactRequest>): Compiled {
  if ("all" in c) {
    const children = c.all.map((x) => compileCondition(x, requests))
    return {
      test: (facts) => {
        for (const child of children) if (!child.test(facts)) return false
        return true
      },
      run: (facts) => {
        const traces: Trace[] = []
        let result = true
        for (const child of children) {
          const t = child.run(facts)
          traces.push(t)
          if (!t.result) {
            result = false
            break
          }
        }
        return { kind: "all", result, children: traces }
      },
      shape: { op: "all", children: children.map((child) => child.shape) },
    }
  }
  if ("any" in c) {
    const children = c.any.map((x) => compileCondition(x, requests))
    return {
      test: (facts) => {
        for (const child of children) if (child.test(facts)) return true
        return false
      },
      run: (facts) => {
        const traces: Trace[] = []
        let result = false
        for (const child of children) {
          const t = child.run(facts)
          traces.push(t)
          if (t.result) {
            result = true
            break
          }
        }
        return { kind: "any", result, children: traces }
      },
      shape: { op: "any", children: children.map((child) => child.shape) },
    }
  }
  if ("not" in c) {
    const child = compileCondition(c.not, requests)
    return {
      test: (facts) => !child.test(facts),
      run: (facts) => {
        const t = child.run(facts)
        return { kind: "not", result: !t.result, child: t }
      },
      shape: { op: "not", child: child.shape },
    }
  }
  return compileLeaf(c, requests)
}

/** One distinct leaf (fact key, operator, value), shared by every rule that uses it. */
export type SharedLeaf = {
  key: string
  expected: unknown
  check: (actual: unknown, expected: unknown) => boolean
  facts: FactValues | null
  result: boolean
  test: (facts: FactValues) => boolean
}
const sharedLeaves = new Map<string, SharedLeaf>()

/**
 * Rules share leaves (the same fact, operator and value): each distinct leaf is answered once per evaluation and
 * remembered for the facts it saw, so thousands of rules cost a few real comparisons and many cheap look-ups.
 */
function sharedLeafTest({
  key,
  operator,
  expected,
  check,
}: {
  key: string
  operator: string
  expected: unknown
  check: (actual: unknown, expected: unknown) => boolean
}): SharedLeaf {
  const signature = `${key}|${operator}|${stable(expected)}`
  let leaf = sharedLeaves.get(signature)
  if (!leaf) {
    const shared: SharedLeaf = {
      key,
      expected,
      check,
      facts: null,
      result: false,
      test: (facts) => {
        if (shared.facts !== facts) {
          shared.result = check(facts.get(key), expected)
          shared.facts = facts
        }
        return shared.result
      },
    }
    sharedLeaves.set(signature, shared)
    leaf = shared
  }
  return leaf
}

function compileLeaf(leaf: Leaf, requests: Map<string, FactRequest>): Compiled {
  let params = leaf.params ?? {}
  // A money fact compared with an amount is measured in that amount's currency.
  const expectedMoney = leaf.value && typeof leaf.value === "object" && !Array.isArray(leaf.value) && "currency_code" in leaf.value
  if (getFact(leaf.fact)?.type === "money" && expectedMoney && params.currency_code === undefined) {
    params = { ...params, currency_code: (leaf.value as { currency_code: string }).currency_code }
  }
  const key = factKey(leaf.fact, params)
  requests.set(key, { key, name: leaf.fact, params })
  const op = getOperator(leaf.operator)!
  const expected = leaf.value
  const shared = sharedLeafTest({ key, operator: leaf.operator, expected, check: op.check ?? ((a, e) => op.test(a, e).result) })
  return {
    test: shared.test,
    shape: { op: "leaf", leaf: shared },
    run: (facts) => {
      const actual = facts.get(key)
      const { result, note } = op.test(actual, expected)
      return {
        kind: "leaf",
        fact: leaf.fact,
        ...(leaf.params ? { params: leaf.params } : {}),
        operator: leaf.operator,
        ...(expected !== undefined ? { expected } : {}),
        actual: actual ?? null,
        result,
        ...(note ? { note } : {}),
      }
    },
  }
}

function collectAmountFacts(actions: Action[], requests: Map<string, FactRequest>) {
  for (const a of actions) {
    if (a.type === "delay") collectAmountFacts(a.actions, requests)
    if (hasVariants(a)) collectAmountFacts(a.variants.map((v) => applyVariant(a, v)), requests)
    const amount = a.type === "issue_coupon" ? a.value : a.type === "award_bonus" ? a.amount : null
    if (amount && typeof amount === "object") {
      const key = factKey(amount.fact, amount.params ?? {})
      requests.set(key, { key, name: amount.fact, params: amount.params ?? {} })
    }
  }
}

export const NOT_MATCHED: Evaluation = Object.freeze({ matched: false, trace: null, branch: null, actions: [] }) as Evaluation

/** Compiles a validated rule once; evaluation is synchronous over facts fetched beforehand. */
export function compileRule({ id, version = 1, rule }: { id: string; version?: number; rule: Rule }): CompiledRule {
  const requests = new Map<string, FactRequest>()
  const conditions = rule.conditions ? compileCondition(rule.conditions, requests) : null
  const branches = rule.branches.map((b, index) => ({ index, name: b.name, when: compileCondition(b.when, requests), actions: b.actions }))
  collectAmountFacts(rule.actions, requests)
  rule.branches.forEach((b) => collectAmountFacts(b.actions, requests))
  return {
    id,
    version,
    rule,
    triggerKey: triggerKeyOf(rule),
    facts: [...requests.values()],
    shape: conditions?.shape ?? null,
    evaluate: (facts, options) => {
      if (options?.explain === false) {
        // Fast path: no traces at all; the caller asks for the explanation of the few rules that fire.
        if (conditions && !conditions.test(facts)) return NOT_MATCHED
        for (const b of branches) {
          if (b.when.test(facts)) return { matched: true, trace: null, branch: { index: b.index, name: b.name, trace: null }, actions: [...rule.actions, ...b.actions] }
        }
        return rule.actions.length ? { matched: true, trace: null, branch: null, actions: rule.actions } : NOT_MATCHED
      }
      const trace = conditions ? conditions.run(facts) : null
      if (trace && !trace.result) return { matched: false, trace, branch: null, actions: [] }
      for (const b of branches) {
        const t = b.when.run(facts)
        if (t.result) {
          return { matched: true, trace, branch: { index: b.index, name: b.name, trace: t }, actions: [...rule.actions, ...b.actions] }
        }
      }
      if (!rule.actions.length) return { matched: false, trace, branch: null, actions: [] }
      return { matched: true, trace, branch: null, actions: rule.actions }
    },
  }
}
