import { z } from "@medusajs/framework/zod"
import { dateTime } from "./common"
import { responseComponents } from "./registry"

const money = z.object({ amount: z.string(), currency_code: z.string() })
const json = () => z.record(z.string(), z.unknown())

export const RuleReport = z
  .object({
    rule: z.object({
      id: z.string(),
      name: z.string(),
      status: z.string(),
      subject: z.enum(["customer", "promoter"]),
      holdout_share: z.number(),
      outcome_window_days: z.number().int(),
    }),
    range: z.object({ from: dateTime(), to: dateTime() }),
    funnel: z
      .object({
        triggered: z.number(),
        subjects: z.number(),
        matched: z.number(),
        fired: z.number(),
        held_out: z.number(),
        acted: z.number(),
        responded: z.number(),
        orders: z.number(),
        revenue: money,
      })
      .describe("Evaluations, distinct subjects, matches, firings, held out, acted on, responded, their orders and revenue"),
    actions: z.array(z.object({ type: z.string(), taken: z.number(), coupons_redeemed: z.number().optional() })),
    cost: z.object({ discounts: money, bonuses: money, total: money }),
    control: json().describe("Treated against held out over closed outcome windows: counts, response rates with confidence intervals, uplift, net return"),
    variants: json().nullable().describe("A rule with action variants: per variant its results, the allocation (Thompson sampling) and the winner"),
    measured_at: dateTime(),
  })
  .describe("A rule's measured outcomes")
  .register(responseComponents, { id: "RuleReport" })

export const Prediction = z
  .object({
    prediction: json()
      .nullable()
      .describe("The stored prediction: customers: p_order_30d, p_order_90d, expected orders, churn-risk band with recency/frequency/tenure; promoters: month-end forecast, chances of the next goal and tier"),
    model: z
      .object({
        id: z.string(),
        kind: z.string(),
        fitted_at: dateTime(),
        as_of: dateTime(),
        customers: z.number(),
        orders: z.number(),
        params: z.unknown(),
        validation: z.unknown(),
      })
      .nullable()
      .describe("The model fit the prediction came from, with its accuracy on held-out history"),
  })
  .register(responseComponents, { id: "Prediction" })

export const FitResult = z
  .object({
    fit_id: z.string().nullable(),
    fitted: z.boolean(),
    reason: z.string().nullable().describe("Why no model was fitted (too little history)"),
    as_of: dateTime(),
    customers: z.number(),
    orders: z.number(),
    params: json().nullable(),
    log_likelihood: z.number().nullable(),
    validation: json(),
    predictions: z.object({ customers: z.number(), promoters: z.number() }),
    duration_ms: z.number(),
  })
  .register(responseComponents, { id: "FitResult" })
