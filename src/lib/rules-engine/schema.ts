// The rule format: JSON validated by one zod schema, shared by the API, the engine and the admin builder.
// No Medusa import here: the engine is tested and benchmarked alone.
import { z } from "zod"
import { ruleLimitIssue } from "./limits"

export const RULE_SCHEMA_VERSION = 1

/** A time window a fact is measured over. */
export const WindowSchema = z.discriminatedUnion("type", [
  /** The current calendar period (or the previous one with offset -1), in the store's time zone. */
  z.object({ type: z.literal("calendar"), unit: z.enum(["day", "week", "month", "quarter", "year"]), offset: z.number().int().min(-120).max(0).default(0) }),
  /** A fixed month of the current (or an earlier) year, e.g. July. */
  z.object({ type: z.literal("month_of_year"), month: z.number().int().min(1).max(12), years_ago: z.number().int().min(0).max(50).default(0) }),
  /** A named season defined by dates, e.g. autumn = 09-01..11-30; may wrap the year end. */
  z.object({ type: z.literal("season"), season: z.string().min(1).max(40), years_ago: z.number().int().min(0).max(50).default(0) }),
  /** The last N days up to now. */
  z.object({ type: z.literal("rolling"), days: z.number().int().min(1).max(3650) }),
  /** From the subject's start (enrolment, first order, sign-up) for N months. */
  z.object({ type: z.literal("since_subject"), months: z.number().int().min(1).max(600) }),
  z.object({ type: z.literal("lifetime") }),
])
export type Window = z.infer<typeof WindowSchema>

export const MoneySchema = z.object({
  amount: z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]),
  currency_code: z.string().length(3).transform((c) => c.toLowerCase()),
})
export type Money = z.infer<typeof MoneySchema>

const Scalar = z.union([z.string().max(500), z.number(), z.boolean(), z.null()])
export const ValueSchema = z.union([Scalar, MoneySchema, z.array(z.union([Scalar, MoneySchema])).max(200)])

export const LeafSchema = z
  .object({
    fact: z.string().min(1).max(80),
    params: z.record(z.string(), z.unknown()).optional(),
    operator: z.string().min(1).max(40),
    value: ValueSchema.optional(),
  })
  .strict()
export type Leaf = z.infer<typeof LeafSchema>

export type Condition = Leaf | { all: Condition[] } | { any: Condition[] } | { not: Condition }

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1).max(50) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1).max(50) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    LeafSchema,
  ])
)

export const TriggerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("event"), event: z.string().min(1).max(100) }),
  /** Fired by the daily job for subjects whose date (birthday, anniversary…) is today. */
  z.object({ type: z.literal("date"), date: z.enum(["birthday", "customer_anniversary", "enrolment_anniversary"]) }),
  /** Fired on a cron schedule, for every subject of the rule. */
  z.object({ type: z.literal("schedule"), cron: z.string().min(9).max(100) }),
])
export type Trigger = z.infer<typeof TriggerSchema>

/** A value that is fixed, or computed from a fact at run time (L4: calculated values). */
export const AmountSchema = z.union([
  z.number(),
  z.object({ fact: z.string().min(1).max(80), params: z.record(z.string(), z.unknown()).optional(), multiply: z.number().optional(), round: z.number().int().min(0).max(4).optional() }).strict(),
])

export const ValiditySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("next_period"), unit: z.enum(["week", "month", "quarter", "year"]) }),
  z.object({ type: z.literal("season"), season: z.string().min(1).max(40) }),
  z.object({ type: z.literal("days"), days: z.number().int().min(1).max(3650) }),
])

/**
 * L5 adaptive variants: alternatives of one action (two coupon values, two message texts). Each variant names itself
 * and overrides some of the action's fields; the rule allocates subjects between them (Thompson sampling), keeping
 * at least `explore_min_share` of subjects on every variant.
 */
export const VariantSchema = z.object({ name: z.string().min(1).max(60) }).catchall(z.unknown())
export type ActionVariant = z.infer<typeof VariantSchema>
const variantFields = {
  variants: z.array(VariantSchema).min(2).max(10).optional(),
  explore_min_share: z.number().min(0).max(0.5).optional(),
}

export const ActionSchema: z.ZodType<Action> = z.lazy(() =>
  z.discriminatedUnion("type", [
    z.object({
      type: z.literal("send_message"),
      channel: z.enum(["email", "sms", "feed", "postal"]),
      template: z.string().min(1).max(100),
      data: z.record(z.string(), z.unknown()).optional(),
      to: z.enum(["subject", "sponsor"]).default("subject"),
      ...variantFields,
    }).strict(),
    z.object({
      type: z.literal("issue_coupon"),
      discount: z.enum(["percentage", "fixed"]),
      value: AmountSchema,
      currency_code: z.string().length(3).optional(),
      validity: ValiditySchema,
      target: z.enum(["order", "items"]).default("order"),
      ...variantFields,
    }).strict(),
    z.object({ type: z.literal("change_tier"), to: z.union([z.literal("next"), z.literal("previous"), z.object({ tier_id: z.string() })]) }).strict(),
    z.object({ type: z.literal("change_status"), to: z.enum(["pending", "active", "suspended", "terminated"]) }).strict(),
    z.object({ type: z.literal("award_bonus"), amount: AmountSchema, currency_code: z.string().length(3), note: z.string().max(200).optional(), ...variantFields }).strict(),
    z.object({ type: z.literal("set_tags"), add: z.array(z.string().max(50)).max(20).default([]), remove: z.array(z.string().max(50)).max(20).default([]) }).strict(),
    z.object({ type: z.literal("set_metadata"), values: z.record(z.string(), z.unknown()) }).strict(),
    z.object({ type: z.literal("emit_event"), event: z.string().regex(/^rule\.[a-z0-9_.-]{1,80}$/, "must start with rule."), data: z.record(z.string(), z.unknown()).optional() }).strict(),
    z.object({
      type: z.literal("delay"),
      /** Run the inner actions later: after a delay, or on a date. */
      after: z.object({ days: z.number().int().min(0).max(3650).default(0), hours: z.number().int().min(0).max(24 * 365).default(0) }).optional(),
      at: z.string().datetime().optional(),
      actions: z.array(ActionSchema).min(1).max(10),
    }).strict().refine((a) => !!a.after !== !!a.at, { message: "give either after or at", path: ["after"] }),
  ])
)

type Variants = { variants?: ActionVariant[]; explore_min_share?: number }

export type Action =
  | ({ type: "send_message"; channel: "email" | "sms" | "feed" | "postal"; template: string; data?: Record<string, unknown>; to: "subject" | "sponsor" } & Variants)
  | ({ type: "issue_coupon"; discount: "percentage" | "fixed"; value: z.infer<typeof AmountSchema>; currency_code?: string; validity: z.infer<typeof ValiditySchema>; target: "order" | "items" } & Variants)
  | { type: "change_tier"; to: "next" | "previous" | { tier_id: string } }
  | { type: "change_status"; to: "pending" | "active" | "suspended" | "terminated" }
  | ({ type: "award_bonus"; amount: z.infer<typeof AmountSchema>; currency_code: string; note?: string } & Variants)
  | { type: "set_tags"; add: string[]; remove: string[] }
  | { type: "set_metadata"; values: Record<string, unknown> }
  | { type: "emit_event"; event: string; data?: Record<string, unknown> }
  | { type: "delay"; after?: { days: number; hours: number }; at?: string; actions: Action[] }

export const FrequencySchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("every_time") }),
  z.object({ type: z.literal("once") }),
  z.object({ type: z.literal("once_per_period"), window: WindowSchema }),
])

export const BranchSchema = z.object({
  name: z.string().max(100).optional(),
  when: ConditionSchema,
  actions: z.array(ActionSchema).min(1).max(20),
})

export const SeasonSchema = z.object({
  name: z.string().min(1).max(40),
  /** MM-DD, inclusive. A season may wrap the year end (start after end). */
  start: z.string().regex(/^\d\d-\d\d$/),
  end: z.string().regex(/^\d\d-\d\d$/),
})

export const RuleObjectSchema = z
  .object({
    schema_version: z.literal(RULE_SCHEMA_VERSION),
    name: z.string().min(1).max(200),
    description: z.string().max(2000).optional(),
    outcome: z
      .enum(["loyalty", "recognition", "knowledge", "leadership", "sales", "retention"])
      .describe("What the rule is for: a label the reports group rules by; it changes nothing in how the rule runs"),
    subject: z.enum(["customer", "promoter"]),
    trigger: TriggerSchema,
    conditions: ConditionSchema.optional(),
    actions: z.array(ActionSchema).max(20).default([]),
    /** L4 branching: the first branch whose condition holds adds its actions. */
    branches: z.array(BranchSchema).max(20).default([]),
    frequency: FrequencySchema.default({ type: "every_time" }),
    seasons: z.array(SeasonSchema).max(20).default([]),
    priority: z.number().int().min(-1000).max(1000).default(0),
    /**
     * L5 control group: this share of the rule's subjects (chosen by a stable hash of rule and subject, so a subject
     * stays in its group) is held out: conditions are evaluated and logged, the actions are not taken.
     */
    holdout: z.object({ share: z.number().min(0).max(0.9) }).strict().optional(),
    /** L5 outcomes: days after an action in which the subject's orders and revenue count as its result (default 14). */
    outcome_window_days: z.number().int().min(1).max(365).optional(),
  })
  .strict()
  .refine((r) => r.actions.length > 0 || r.branches.length > 0, { message: "a rule needs actions or branches", path: ["actions"] })

/**
 * A rule definition. Its size is checked first, without recursion (RULE_LIMITS: condition depth and count, JSON
 * depth), so that the recursive schema below never meets a tree deep enough to overflow the stack.
 */
export const RuleSchema = z
  .unknown()
  .superRefine((definition, ctx) => {
    const issue = ruleLimitIssue(definition)
    if (issue) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message })
  })
  .pipe(RuleObjectSchema)

export type RuleInput = z.input<typeof RuleObjectSchema>
export type Rule = z.output<typeof RuleSchema>

/** Validation errors with the JSON path of each bad field, e.g. `conditions.all.0.operator`. */
export function formatRuleIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.join(".") || "(rule)", message: issue.message }))
}
