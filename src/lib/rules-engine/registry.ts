// The vocabulary of rules: operators, facts and actions, registered in one place. The validator, the evaluator and
// the admin builder all read it. New fact sources are registered by code with registerFact().
import { z } from "zod"
import { compareDecimal } from "../money"
import { WindowSchema, type Money } from "./schema"

export const FACT_TYPES = ["money", "number", "date", "string", "boolean", "string[]", "any"] as const
export type FactType = (typeof FACT_TYPES)[number]
/** What a registered fact's resolver is given: the subject, the leaf's params, the evaluation's time and event. */
export type FactInput = {
  subject: { type: "customer" | "promoter"; id: string }
  params: Record<string, unknown>
  /** The time the rule is evaluated "as of" (the store's clock; a backtest's past moment). */
  now: Date
  /** The triggering event's payload. */
  event: Record<string, unknown>
  /** The host's dependency container (in Medusa, the request or job container: resolve modules and Query from it). */
  container: unknown
}

export type FactDefinition = {
  name: string
  type: FactType
  subject: "customer" | "promoter" | "any"
  description: string
  params: z.ZodType<Record<string, unknown>>
  /**
   * How a registered fact is computed (the built-in facts are answered by the host). Its value is compared as `type`
   * says: a number, a string, a money amount `{ amount, currency_code }`, … A resolver that throws fails the rule's
   * evaluation with its message (in the run log), never the other rules.
   */
  resolve?: (input: FactInput) => unknown | Promise<unknown>
}

const windowParams = z.object({ window: WindowSchema }).strict()
const noParams = z.object({}).strict()

const facts = new Map<string, FactDefinition>()

/** A fact's name: dotted, lower case ("customer.shoe_size"). */
export const FACT_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/

/**
 * Adds a fact rules can use, with its resolver. Call it in code every process of the store loads (its
 * medusa-config, say) before rules are saved or run: rules that name an unknown fact are refused when saved. A
 * built-in fact cannot be replaced; registering the same name again replaces the earlier registration. Without
 * `params`, a rule may give it none.
 */
export function registerFact(registered: Omit<FactDefinition, "params"> & { params?: FactDefinition["params"] }): void {
  const definition: FactDefinition = { ...registered, params: registered.params ?? noParams }
  if (!FACT_NAME.test(definition.name)) throw new Error(`registerFact: "${definition.name}" is not a fact name like "customer.shoe_size"`)
  if (builtInNames.has(definition.name)) throw new Error(`registerFact: "${definition.name}" is a built-in fact`)
  if (typeof definition.resolve !== "function") throw new Error(`registerFact: "${definition.name}" needs resolve()`)
  facts.set(definition.name, definition)
}

export function getFact(name: string): FactDefinition | undefined {
  return facts.get(name)
}

export function listFacts(): FactDefinition[] {
  return [...facts.values()]
}

const builtIn: FactDefinition[] = [
  { name: "event", type: "any", subject: "any", description: "A field of the triggering event's payload", params: z.object({ path: z.string().min(1).max(200) }).strict() },
  { name: "customer.purchases.sum", type: "money", subject: "customer", description: "Total of the customer's orders in a window (order currency)", params: windowParams.extend({ currency_code: z.string().length(3).optional() }) },
  { name: "customer.purchases.count", type: "number", subject: "customer", description: "Number of the customer's orders in a window", params: windowParams },
  { name: "customer.tenure_years", type: "number", subject: "customer", description: "Whole years since the customer's first order or sign-up", params: noParams },
  { name: "customer.consecutive_periods", type: "number", subject: "customer", description: "Consecutive yearly occurrences of a season or month, ending with the current one, where purchases reached a threshold", params: z.object({ window: WindowSchema, threshold: z.object({ amount: z.union([z.number(), z.string()]), currency_code: z.string().length(3) }) }).strict() },
  { name: "customer.tags", type: "string[]", subject: "customer", description: "Tags set on the customer (metadata.tags)", params: noParams },
  { name: "customer.email", type: "string", subject: "customer", description: "The customer's e-mail", params: noParams },
  { name: "promoter.sales.sum", type: "money", subject: "promoter", description: "Revenue of orders credited to the promoter in a window", params: windowParams.extend({ currency_code: z.string().length(3).optional() }) },
  { name: "promoter.sales.count", type: "number", subject: "promoter", description: "Orders credited to the promoter in a window", params: windowParams },
  { name: "promoter.recruits.count", type: "number", subject: "promoter", description: "Promoters the promoter recruited in a window", params: windowParams },
  { name: "promoter.tenure_months", type: "number", subject: "promoter", description: "Whole months since enrolment", params: noParams },
  { name: "promoter.tier_rank", type: "number", subject: "promoter", description: "Rank of the promoter's tier (0 without a tier)", params: noParams },
  { name: "promoter.status", type: "string", subject: "promoter", description: "pending, active, suspended or terminated", params: noParams },
  { name: "promoter.tags", type: "string[]", subject: "promoter", description: "Tags set on the promoter (metadata.tags)", params: noParams },
  // Fraud and risk: the promoter's risk assessments of the last 30 days.
  { name: "promoter.risk.flagged", type: "boolean", subject: "promoter", description: "A risk assessment of the last 30 days flagged the promoter or one of their orders (pending review or rejected)", params: noParams },
  { name: "promoter.risk.score", type: "number", subject: "promoter", description: "Highest risk score of the promoter's assessments of the last 30 days (0 without one)", params: noParams },
  { name: "promoter.risk.coupon_leak", type: "boolean", subject: "promoter", description: "The promoter's coupon is used by many customers who never touched their links (a coupon site), in the last 30 days", params: noParams },
  // L5 predictions, fitted by the predictions job on the store's order history (null until a fit covers the subject).
  { name: "customer.prediction.p_order_30d", type: "number", subject: "customer", description: "Probability (0–1) that the customer orders in the next 30 days (BG/NBD purchase model)", params: noParams },
  { name: "customer.prediction.p_order_90d", type: "number", subject: "customer", description: "Probability (0–1) that the customer orders in the next 90 days (BG/NBD purchase model)", params: noParams },
  { name: "customer.prediction.p_alive", type: "number", subject: "customer", description: "Probability (0–1) that the customer is still an active buyer", params: noParams },
  { name: "customer.prediction.days_to_next_order", type: "number", subject: "customer", description: "Expected (median) days until the customer's next order, if still active", params: noParams },
  { name: "customer.churn_risk", type: "string", subject: "customer", description: "low, medium or high: from the probability of ordering in the next 90 days (≥ 50 %, ≥ 20 %, below)", params: noParams },
  { name: "promoter.forecast.month_sales", type: "money", subject: "promoter", description: "This month's sales forecast at the current pace (month to date ÷ days passed × days in month)", params: noParams },
  { name: "promoter.p_next_goal", type: "number", subject: "promoter", description: "Probability (0–1) of reaching the nearest open sales goal of the store's rules by the end of its period", params: noParams },
  { name: "promoter.p_next_tier", type: "number", subject: "promoter", description: "Probability (0–1) of meeting the next tier's personal volume by month end", params: noParams },
]
const builtInNames = new Set(builtIn.map((f) => f.name))
builtIn.forEach((f) => facts.set(f.name, f))

export type OperatorResult = { result: boolean; note?: string }
export type OperatorDefinition = {
  name: string
  description: string
  /** Value the rule must give: "none" for unary operators. */
  value: "scalar" | "list" | "pair" | "none"
  test: (actual: unknown, expected: unknown) => OperatorResult
  /** The same answer without the explanation, for the fast path (no allocation for numbers and strings). */
  check?: (actual: unknown, expected: unknown) => boolean
}

const isMoney = (v: unknown): v is Money =>
  !!v && typeof v === "object" && "amount" in (v as object) && "currency_code" in (v as object)

function toDate(v: unknown): number | null {
  if (v instanceof Date) return v.getTime()
  if (typeof v === "string" && /^\d{4}-\d\d-\d\d/.test(v)) {
    const t = Date.parse(v)
    return Number.isNaN(t) ? null : t
  }
  return null
}

/** Compares two values of the same kind: money (same currency only), numbers, dates, strings. */
export function compare(actual: unknown, expected: unknown): { order: -1 | 0 | 1 } | { note: string } {
  if (isMoney(expected) || isMoney(actual)) {
    if (!isMoney(expected) || !isMoney(actual)) return { note: "money compared with a non-money value" }
    if (actual.currency_code.toLowerCase() !== expected.currency_code.toLowerCase()) {
      return { note: `currency ${actual.currency_code} is not ${expected.currency_code}` }
    }
    return { order: compareDecimal(String(actual.amount), String(expected.amount)) }
  }
  if (typeof actual === "number" && typeof expected === "number") {
    return { order: actual < expected ? -1 : actual > expected ? 1 : 0 }
  }
  const da = toDate(actual)
  const de = toDate(expected)
  if (da !== null && de !== null) return { order: da < de ? -1 : da > de ? 1 : 0 }
  if (typeof actual === "string" && typeof expected === "string") {
    return { order: actual < expected ? -1 : actual > expected ? 1 : 0 }
  }
  return { note: `cannot compare ${typeof actual} with ${typeof expected}` }
}

function ordered(test: (order: -1 | 0 | 1) => boolean) {
  return (actual: unknown, expected: unknown): OperatorResult => {
    if (actual === null || actual === undefined) return { result: false, note: "no value" }
    const c = compare(actual, expected)
    return "note" in c ? { result: false, note: c.note } : { result: test(c.order) }
  }
}

const same = (a: unknown, b: unknown) => {
  const c = compare(a, b)
  return "order" in c ? c.order === 0 : a === b
}

/** Numbers and strings compare directly; anything else (money, dates, mixed) goes through compare(). */
function fastOrder(actual: unknown, expected: unknown): -1 | 0 | 1 | null {
  const ta = typeof actual
  if (ta === "number" && typeof expected === "number") {
    return (actual as number) < (expected as number) ? -1 : (actual as number) > (expected as number) ? 1 : 0
  }
  return null
}

function orderedCheck(test: (order: -1 | 0 | 1) => boolean, slow: (a: unknown, e: unknown) => OperatorResult) {
  return (actual: unknown, expected: unknown) => {
    const o = fastOrder(actual, expected)
    return o === null ? slow(actual, expected).result : test(o)
  }
}

function sameFast(a: unknown, b: unknown): boolean {
  if (a === b) return true
  const ta = typeof a
  if ((ta === "string" || ta === "number" || ta === "boolean") && typeof b === ta) return false
  return same(a, b)
}

const operators = new Map<string, OperatorDefinition>()

export function registerOperator(definition: OperatorDefinition): void {
  operators.set(definition.name, definition)
}

export function getOperator(name: string): OperatorDefinition | undefined {
  return operators.get(name)
}

export function listOperators(): OperatorDefinition[] {
  return [...operators.values()]
}

;[
  { name: "eq", description: "equals", value: "scalar", test: (a: unknown, e: unknown) => ({ result: same(a, e) }), check: sameFast },
  { name: "ne", description: "does not equal", value: "scalar", test: (a: unknown, e: unknown) => ({ result: !same(a, e) }), check: (a: unknown, e: unknown) => !sameFast(a, e) },
  { name: "gt", description: "greater than", value: "scalar", test: ordered((o) => o > 0) },
  { name: "gte", description: "at least", value: "scalar", test: ordered((o) => o >= 0) },
  { name: "lt", description: "less than", value: "scalar", test: ordered((o) => o < 0) },
  { name: "lte", description: "at most", value: "scalar", test: ordered((o) => o <= 0) },
  { name: "before", description: "date before", value: "scalar", test: ordered((o) => o < 0) },
  { name: "after", description: "date after", value: "scalar", test: ordered((o) => o > 0) },
  {
    name: "between",
    description: "between two values, inclusive",
    value: "pair",
    test: (a: unknown, e: unknown) => {
      const [low, high] = e as [unknown, unknown]
      const l = compare(a, low)
      const h = compare(a, high)
      if ("note" in l) return { result: false, note: l.note }
      if ("note" in h) return { result: false, note: h.note }
      return { result: l.order >= 0 && h.order <= 0 }
    },
  },
  { name: "in", description: "one of", value: "list", test: (a: unknown, e: unknown) => ({ result: (e as unknown[]).some((x) => same(a, x)) }) },
  { name: "not_in", description: "none of", value: "list", test: (a: unknown, e: unknown) => ({ result: !(e as unknown[]).some((x) => same(a, x)) }) },
  {
    name: "contains",
    description: "list or text contains",
    value: "scalar",
    test: (a: unknown, e: unknown) => ({ result: Array.isArray(a) ? a.some((x) => same(x, e)) : typeof a === "string" && typeof e === "string" && a.includes(e) }),
  },
  {
    name: "not_contains",
    description: "list or text does not contain",
    value: "scalar",
    test: (a: unknown, e: unknown) => ({ result: !(Array.isArray(a) ? a.some((x) => same(x, e)) : typeof a === "string" && typeof e === "string" && a.includes(e)) }),
  },
  { name: "exists", description: "has a value", value: "none", test: (a: unknown) => ({ result: a !== null && a !== undefined }) },
  { name: "not_exists", description: "has no value", value: "none", test: (a: unknown) => ({ result: a === null || a === undefined }) },
].forEach((o) => registerOperator(o as OperatorDefinition))

for (const [name, test] of [
  ["gt", (o: number) => o > 0],
  ["gte", (o: number) => o >= 0],
  ["lt", (o: number) => o < 0],
  ["lte", (o: number) => o <= 0],
] as const) {
  const op = operators.get(name)!
  op.check = orderedCheck(test, op.test)
}
for (const name of ["contains", "not_contains"] as const) {
  const op = operators.get(name)!
  const negate = name === "not_contains"
  op.check = (a, e) => {
    const found = Array.isArray(a) ? a.some((x) => sameFast(x, e)) : typeof a === "string" && typeof e === "string" && a.includes(e)
    return negate ? !found : found
  }
}

export const ACTION_TYPES = [
  "send_message",
  "issue_coupon",
  "change_tier",
  "change_status",
  "award_bonus",
  "set_tags",
  "set_metadata",
  "emit_event",
  "delay",
] as const
