import { z } from "@medusajs/framework/zod"
import { RuleObjectSchema } from "../../../lib/rules-engine"
import { dateTime, nullableDateTime, timestamps } from "./common"
import { responseComponents } from "./registry"

export const RULE_STATUS = z
  .enum(["draft", "active", "paused"])
  .describe("draft: saved, never runs; active: runs on its trigger; paused: kept with its history, does not run")

export const RULE_OUTCOME_DESCRIPTION =
  "What the rule is for, a label the reports group rules by: loyalty (customers coming back), recognition " +
  "(praising promoters), knowledge (teaching), leadership (growing a team), sales (selling more), retention " +
  "(keeping promoters or customers active). It changes nothing in how the rule runs."

/** The stored rule as it runs (defaults filled in): what a rule's `definition` is in answers. */
export const StoredRuleDefinition = RuleObjectSchema.describe(
  `A rule definition (schema_version 1): trigger, conditions (all / any / not of {fact, params, operator, value}), actions, ` +
    `branches, frequency, seasons, priority, holdout. The vocabulary of facts, operators and actions is GET ` +
    `/admin/automation-rules/vocabulary. \`outcome\`: ${RULE_OUTCOME_DESCRIPTION} \`emit_event\` actions have the shape ` +
    "`{ type: \"emit_event\", event: \"rule.<name>\", data?: {…} }` and trigger the rules whose trigger is that event."
).register(responseComponents, { id: "StoredRuleDefinition" })

export const AutomationRule = z
  .object({
    id: z.string(),
    name: z.string(),
    status: RULE_STATUS,
    definition: StoredRuleDefinition,
    version: z.number().int().describe("Goes up by one with every change of the definition"),
    trigger_key: z.string().describe('The trigger as one key: "event:order.placed", "date:birthday", "schedule:0 9 * * 1"'),
    subject: z.enum(["customer", "promoter"]),
    ...timestamps,
  })
  .register(responseComponents, { id: "AutomationRule" })

type Trace =
  | { kind: "leaf"; fact: string; params?: Record<string, unknown>; operator: string; expected?: unknown; actual?: unknown; result: boolean; note?: string }
  | { kind: "all" | "any"; result: boolean; children: Trace[] }
  | { kind: "not"; result: boolean; child: Trace }

export const RuleTrace: z.ZodType<Trace> = z
  .lazy(() =>
    z.union([
      z.object({
        kind: z.literal("leaf"),
        fact: z.string(),
        params: z.record(z.string(), z.unknown()).optional(),
        operator: z.string(),
        expected: z.unknown().optional().describe("The value in the rule"),
        actual: z.unknown().optional().describe("The value the fact had"),
        result: z.boolean(),
        note: z.string().optional(),
      }),
      z.object({ kind: z.enum(["all", "any"]), result: z.boolean(), children: z.array(RuleTrace) }),
      z.object({ kind: z.literal("not"), result: z.boolean(), child: RuleTrace }),
    ])
  )
  .describe("Why the conditions held or not, condition by condition")
  .register(responseComponents, { id: "RuleTrace" })

export const ActionReport = z
  .object({
    type: z.string().describe("The action's type (send_message, issue_coupon, award_bonus, emit_event, delay, …)"),
    status: z
      .enum(["done", "skipped", "scheduled", "would_run", "failed", "held_out"])
      .describe(
        "done: taken; skipped: not needed (already done by an earlier delivery, nothing to change); scheduled: a delay " +
          "stored for later (run by the due-actions job or POST /admin/automation-rules/run-due); would_run: a dry-run; " +
          "failed: see error; held_out: the subject is in the rule's control group, nothing was done"
      ),
    detail: z
      .record(z.string(), z.unknown())
      .optional()
      .describe(
        "What the action did. issue_coupon: promotion_id (the coupon's promotion id), code, value, starts_at, ends_at; " +
          "send_message: notification_id, to, channel; award_bonus: amount, currency_code; change_tier: from, to; " +
          "change_status: to; set_tags: tags; set_metadata: keys; emit_event: event; delay: run_at, actions; skipped: reason"
      ),
    action: z.unknown().optional().describe("would_run: the action that would be taken"),
    error: z.string().optional().describe("failed: why"),
  })
  .register(responseComponents, { id: "ActionReport" })

const branch = z
  .object({ index: z.number().int(), name: z.string().optional(), trace: RuleTrace.nullable() })
  .nullable()
  .describe("The branch whose `when` held (null: none, or the rule has no branches)")

const exposure = z
  .object({
    exposure_id: z.string().nullable(),
    arm: z.enum(["treated", "holdout"]),
    variant: z.string().nullable(),
    holdout_share: z.number(),
  })
  .describe("Level 5: whether the subject was treated or held out (control group), and the variant it got")

export const AutomationRun = z
  .object({
    id: z.string(),
    rule_id: z.string(),
    rule_version: z.number().int(),
    subject_type: z.enum(["customer", "promoter"]),
    subject_id: z.string(),
    trigger: z
      .object({
        key: z.string().describe('The trigger key, or "scheduled_action" for a delayed action run later'),
        event_key: z.string().optional(),
        chain_depth: z.number().int().optional().describe("How many emit_event actions led here (0: a real event)"),
        scheduled_action_id: z.string().optional(),
      })
      .describe("What started the run"),
    matched: z.boolean().describe("The conditions held"),
    fired: z.boolean().describe("The actions were taken (matched, and the frequency allowed it)"),
    skipped_reason: z.string().nullable().describe('Why a matching rule did not fire, e.g. "already fired for month:2026-07"'),
    trace: RuleTrace.nullable(),
    actions: z
      .object({ list: z.array(ActionReport), branch: branch.optional(), exposure: exposure.optional() })
      .nullable()
      .describe("The actions taken, with what each did (an issued coupon's promotion id: list[].detail.promotion_id)"),
    errors: z
      .object({ rule: z.string().nullable(), actions: z.array(ActionReport) })
      .nullable()
      .describe("The rule's error (a fact that could not be read) and the failed actions"),
    dry_run: z.boolean(),
    evaluated_at: dateTime(),
    ...timestamps,
  })
  .describe("One evaluation of one rule for one subject (the run log)")
  .register(responseComponents, { id: "AutomationRun" })

const money = z.object({ amount: z.string(), currency_code: z.string() })

export const Simulation = z
  .object({
    events: z.number().int().describe("Trigger occurrences replayed (the given events, or history in from..to)"),
    fired: z.number().int().describe("Runs that would fire"),
    runs: z.array(
      z.object({
        rule_id: z.string().describe('"draft" for an unsaved rule'),
        rule_name: z.string(),
        subject: z.object({ type: z.enum(["customer", "promoter"]), id: z.string() }),
        matched: z.boolean(),
        fired: z.boolean(),
        skipped_reason: z.string().nullable(),
        period_key: z.string().nullable().describe("The period a once-per-period rule fired for"),
        trace: RuleTrace.nullable(),
        branch,
        actions: z.array(ActionReport),
        error: z.string().nullable(),
        exposure: exposure.optional(),
        at: dateTime().describe("When the occurrence happened"),
        event: z.string().describe("The event name (or schedule, date:birthday, …)"),
        would_be: z.enum(["treated", "held_out"]).optional().describe("A saved rule with a control group: the subject's arm"),
      })
    ),
    estimate: z
      .object({
        basis: z.object({
          kind: z.enum(["this_rule", "similar_rules", "none"]),
          rule_ids: z.array(z.string()),
          treated: z.number().int(),
          held_out: z.number().int(),
          action_types: z.array(z.string()),
          note: z.string(),
        }),
        per_firing: z
          .object({ cost: money, response_rate: z.number(), revenue: money, response_uplift: z.number().nullable(), revenue_uplift: money.nullable() })
          .nullable(),
        expected: z
          .object({
            firings: z.number(),
            treated: z.number(),
            cost: money,
            responses: z.number(),
            revenue: money,
            incremental_revenue: money.nullable(),
          })
          .nullable(),
      })
      .describe("Cost and outcome expected for these firings, from the measured outcomes of this rule or similar ones"),
  })
  .describe("A dry-run: nothing is written, no action is taken")
  .register(responseComponents, { id: "Simulation" })

export const RunSummary = z.object({
  runs_30d: z.number().int(),
  fired_30d: z.number().int(),
  last_run_at: nullableDateTime(),
  last_fired_at: nullableDateTime(),
})
