import { z } from "@medusajs/framework/zod"
import {
  EmptyBody,
  InsightsRange,
  ListAutomationRules,
  ListRuns,
  SaveAutomationRule,
  SetClock,
  SimulateRule,
  ValidateRuleBody,
} from "../../validators"
import { AutomationRule, AutomationRun, RunSummary, Simulation, StoredRuleDefinition } from "../schemas/automation"
import { dateTime, deleted, page } from "../schemas/common"
import { FitResult, Prediction, RuleReport } from "../schemas/insights"
import type { Operation } from "../types"
import { E } from "./errors"

const rule = z.object({ automation_rule: AutomationRule })
const TAG = "Admin: automation"

export const adminAutomationOperations: Operation[] = [
  {
    method: "get",
    path: "/admin/automation-rules",
    tag: TAG,
    summary: "List rules",
    description: "Newest first, each with its runs and firings of the last 30 days.",
    auth: "admin",
    query: ListAutomationRules,
    responses: {
      200: {
        description: "A page of rules",
        schema: z.object({ automation_rules: z.array(AutomationRule.extend({ runs: RunSummary })), ...page }),
      },
    },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "post",
    path: "/admin/automation-rules",
    tag: TAG,
    summary: "Create a rule",
    description: "The definition is validated in full (400 naming the path of each bad field).",
    auth: "admin",
    body: SaveAutomationRule,
    responses: { 201: { description: "The rule", schema: rule } },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "post",
    path: "/admin/automation-rules/validate",
    tag: TAG,
    summary: "Check a definition",
    description: "Lists every problem with its JSON path (the builder shows them next to the fields). Saves nothing.",
    auth: "admin",
    body: ValidateRuleBody,
    responses: {
      200: {
        description: "valid, the problems, and the rule as it would be saved (defaults filled in)",
        schema: z.union([
          z.object({ valid: z.literal(true), issues: z.array(z.never()), rule: StoredRuleDefinition }),
          z.object({ valid: z.literal(false), issues: z.array(z.object({ path: z.string(), message: z.string() })) }),
        ]),
      },
    },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "get",
    path: "/admin/automation-rules/vocabulary",
    tag: TAG,
    summary: "The rule vocabulary",
    description: "The registry the builder, the validator and the engine share: facts, operators, action types, trigger events, seasons.",
    auth: "admin",
    responses: {
      200: {
        description: "The vocabulary",
        schema: z.object({
          facts: z.array(
            z.object({
              name: z.string(),
              type: z.string().describe("number, money, string, string[], boolean, date or any"),
              subject: z.enum(["customer", "promoter", "any"]),
              description: z.string(),
              params: z.array(z.string()).describe("The names of the fact's parameters (window, currency_code, …)"),
            })
          ),
          operators: z.array(z.object({ name: z.string(), description: z.string(), value: z.string().describe("What the operator's value is") })),
          actions: z.array(z.string()),
          events: z.array(z.string()).describe("Events a rule can trigger on (plus its own rule.* events from emit_event)"),
          seasons: z.array(z.object({ name: z.string(), start: z.string(), end: z.string() })).describe("The default seasons (MM-DD, inclusive)"),
        }),
      },
    },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "post",
    path: "/admin/automation-rules/simulate",
    tag: TAG,
    summary: "Dry-run a draft rule",
    description: "On given events, or on the subject's real history from..to. Nothing is written, no action is taken.",
    auth: "admin",
    body: SimulateRule,
    responses: { 200: { description: "The simulation", schema: z.object({ simulation: Simulation }) } },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "post",
    path: "/admin/automation-rules/run-due",
    tag: TAG,
    summary: "Run the scheduled automation work now",
    description:
      "What the jobs run on their schedule: due delayed actions, today's date triggers (birthdays, anniversaries), and " +
      "cron rules whose slot fell since the last run, at the automation clock's now. Idempotent: calling it again changes nothing.",
    auth: "admin",
    responses: {
      200: {
        description: "How much ran",
        schema: z.object({
          due_actions: z.number().int().describe("Delayed actions run"),
          date_runs: z.number().int().describe("Date-trigger runs that fired"),
          schedule_runs: z.number().int().describe("Cron-rule runs that fired"),
        }),
      },
    },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "get",
    path: "/admin/automation-rules/{id}",
    tag: TAG,
    summary: "Retrieve a rule",
    description: "With its last 10 runs.",
    auth: "admin",
    responses: { 200: { description: "The rule", schema: z.object({ automation_rule: AutomationRule.extend({ last_runs: z.array(AutomationRun) }) }) } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The rule") },
  },
  {
    method: "post",
    path: "/admin/automation-rules/{id}",
    tag: TAG,
    summary: "Update a rule",
    description: "A new definition bumps the version.",
    auth: "admin",
    body: SaveAutomationRule,
    responses: { 200: { description: "The rule", schema: rule } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The rule") },
  },
  {
    method: "delete",
    path: "/admin/automation-rules/{id}",
    tag: TAG,
    summary: "Delete a rule",
    auth: "admin",
    responses: { 200: { description: "Deleted", schema: deleted("automation_rule") } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The rule") },
  },
  {
    method: "post",
    path: "/admin/automation-rules/{id}/activate",
    tag: TAG,
    summary: "Activate a rule",
    auth: "admin",
    responses: { 200: { description: "The rule", schema: rule } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The rule") },
  },
  {
    method: "post",
    path: "/admin/automation-rules/{id}/pause",
    tag: TAG,
    summary: "Pause a rule",
    auth: "admin",
    responses: { 200: { description: "The rule", schema: rule } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The rule") },
  },
  {
    method: "post",
    path: "/admin/automation-rules/{id}/simulate",
    tag: TAG,
    summary: "Dry-run a saved rule",
    description: "Or an edited definition of it; with a control group each firing says whether its subject would be held out.",
    auth: "admin",
    body: SimulateRule,
    responses: { 200: { description: "The simulation", schema: z.object({ simulation: Simulation }) } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The rule") },
  },
  {
    method: "get",
    path: "/admin/automation-rules/{id}/runs",
    tag: TAG,
    summary: "The rule's run log",
    description: "Newest first, each run with its per-condition trace and the actions taken (an issued coupon's promotion id is in actions.list[].detail.promotion_id).",
    auth: "admin",
    query: ListRuns,
    responses: { 200: { description: "A page of runs", schema: z.object({ runs: z.array(AutomationRun), ...page }) } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The rule") },
  },
  {
    method: "get",
    path: "/admin/automation-rules/{id}/report",
    tag: TAG,
    summary: "The rule's measured outcomes",
    description: "Funnel, cost, treated against held out with the uplift, variants and allocation.",
    auth: "admin",
    query: InsightsRange,
    responses: { 200: { description: "The report", schema: z.object({ report: RuleReport }) } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The rule") },
  },
  {
    method: "post",
    path: "/admin/automation/clock",
    tag: TAG,
    summary: "Move the automation clock (test stores only)",
    description:
      "Sets the plugin's clock, which every job, period and hold reads; `null` goes back to the real time. Only with the " +
      "plugin option `testing.clock: true`; otherwise this route answers 404.",
    auth: "admin",
    body: SetClock,
    responses: { 200: { description: "The clock's time now", schema: z.object({ now: dateTime() }) } },
    errors: { ...E.invalid, ...E.admin, 404: "The store does not enable testing.clock" },
  },
  {
    method: "get",
    path: "/admin/automation/insights",
    tag: TAG,
    summary: "The store's automation over a period",
    description: "Per rule what it did, cost and returned against its control group; promoters close to a goal; suggestions with their evidence; the summary text.",
    auth: "admin",
    query: InsightsRange,
    responses: {
      200: {
        description: "The figures, suggestions and text",
        schema: z.object({
          insights: z.record(z.string(), z.unknown()).describe("The period's figures per rule, the promoters near a goal, and `suggestions`"),
          text: z.string(),
          writer: z.string().describe("Which writer produced the text (the built-in deterministic one, or a registered one)"),
        }),
      },
    },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "post",
    path: "/admin/automation/insights/summary",
    tag: TAG,
    summary: "Store and send the last period's summary now",
    description:
      "Once per period (the weekly job does the same); a second call answers the stored one with created: false. `notified` lists the recipients whose notification was sent; after a provider failure (502) the next call sends the stored summary to the others, once.",
    auth: "admin",
    body: EmptyBody,
    responses: {
      200: {
        description: "The summary",
        schema: z.object({ summary: z.object({ id: z.string(), created: z.boolean(), notified: z.array(z.string()), text: z.string() }) }),
      },
    },
    errors: { ...E.invalid, ...E.admin, ...E.providerFailed("the summary to some recipients (named in the message; code summary_not_sent)"), ...E.noChannel },
  },
  {
    method: "post",
    path: "/admin/automation/predictions/fit",
    tag: TAG,
    summary: "Fit the purchase model now",
    description: "On the order history (the daily job does the same), validated on held-out history; stores the predictions.",
    auth: "admin",
    body: EmptyBody,
    responses: { 200: { description: "The fit", schema: z.object({ fit: FitResult }) } },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "get",
    path: "/admin/customers/{id}/predictions",
    tag: TAG,
    summary: "A customer's purchase predictions",
    auth: "admin",
    responses: { 200: { description: "The prediction (null before the first fit) and its model", schema: Prediction } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The customer") },
  },
  {
    method: "get",
    path: "/admin/promoters/{id}/predictions",
    tag: TAG,
    summary: "A promoter's month-end forecast",
    auth: "admin",
    responses: { 200: { description: "The prediction and its model", schema: Prediction } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The promoter, or a prediction for them (fit first)") },
  },
]
