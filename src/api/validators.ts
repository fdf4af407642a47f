import { createFindParams } from "@medusajs/medusa/api/utils/validators"
import { z } from "@medusajs/framework/zod"
import { clock } from "../lib/clock"
import { WEBHOOK_EVENTS } from "../lib/webhooks/events"

const status = z.enum(["pending", "active", "suspended", "terminated"])

/**
 * A date in years 1970 to 9999: JavaScript accepts ±271,821 years, which PostgreSQL, the period helpers and ISO
 * strings do not, so a date outside this range is a 400 naming its field rather than a 500 further on.
 */
const FIRST_DATE = new Date("1970-01-01T00:00:00.000Z")
const LAST_DATE = new Date("9999-12-31T23:59:59.999Z")
const date = () =>
  z.coerce
    .date()
    .min(FIRST_DATE, { message: "must be a date from 1970-01-01 to 9999-12-31" })
    .max(LAST_DATE, { message: "must be a date from 1970-01-01 to 9999-12-31" })

/** Columns the promoter list sorts by (`order=name`, `order=-created_at`); anything else is a 400, not a SQL error. */
const PROMOTER_ORDER_FIELDS = ["name", "email", "status", "referral_code", "enrolled_at", "created_at", "updated_at"] as const
const promoterOrder = z.enum([...PROMOTER_ORDER_FIELDS, ...PROMOTER_ORDER_FIELDS.map((f) => `-${f}` as const)])
const metadata = z.record(z.string(), z.unknown()).nullish()

export const AdminListPromoters = createFindParams({ limit: 20, offset: 0 }).extend({
  q: z.string().max(200).optional(),
  status: z.union([status, z.array(status)]).optional(),
  tier_id: z.union([z.string(), z.array(z.string())]).optional(),
  sponsor_id: z.union([z.string(), z.array(z.string())]).optional(),
  order: promoterOrder.optional(),
})

export const AdminCreatePromoter = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.string().email(),
    status: status.optional(),
    sponsor_code: z.string().max(64).optional(),
    sponsor_id: z.string().max(64).optional(),
    referral_code: z.string().max(64).optional(),
    tier_id: z.string().max(64).nullish(),
    customer_id: z.string().max(64).optional(),
    metadata,
  })
  .strict()

export const AdminUpdatePromoter = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    email: z.string().email().optional(),
    status: status.optional(),
    tier_id: z.string().max(64).nullable().optional(),
    sponsor_id: z.string().max(64).nullable().optional(),
    referral_code: z.string().max(64).optional(),
    metadata,
  })
  .strict()

export const DownlineQuery = z.object({ depth: z.coerce.number().int().min(1).max(20).default(3) })

export const SavePromoterLink = z
  .object({
    slug: z.string().max(64),
    name: z.string().trim().min(1).max(200).optional(),
    destination: z.string().max(600),
  })
  .strict()

export const CreatePromoterCoupon = z
  .object({
    code: z.string().max(64).optional(),
    type: z.enum(["percentage", "fixed"]),
    value: z.number().positive(),
    currency_code: z.string().length(3).optional(),
    target: z.enum(["order", "items"]).default("order"),
    usage_limit: z.number().int().positive().nullish(),
    starts_at: date().nullish(),
    ends_at: date().nullish(),
  })
  .strict()
  .refine((c) => c.type !== "percentage" || c.value <= 100, { message: "a percentage must be at most 100", path: ["value"] })
  .refine((c) => c.type !== "fixed" || !!c.currency_code, {
    message: "currency_code is required for a fixed coupon",
    path: ["currency_code"],
  })

const rates = z.array(z.number().int().min(0).max(10000)).min(1).max(20)

const volume = z.object({ amount: z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/)]), currency_code: z.string().length(3) }).strict()
const qualification = z
  .object({ personal_volume: volume.optional(), group_volume: volume.optional(), active_recruits: z.number().int().min(0).max(100000).optional() })
  .strict()

export const CreatePromoterTier = z
  .object({
    name: z.string().trim().min(1).max(100),
    rank: z.number().int().min(0).max(1000),
    commission_rates_bps: rates,
    /** Criteria over a calendar month, evaluated at month end (all must hold). */
    qualification: qualification.nullish(),
    metadata,
  })
  .strict()

export const UpdatePromoterTier = CreatePromoterTier.partial().strict()

export const StoreEnrolPromoter = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    sponsor_code: z.string().max(64).optional(),
    referral_code: z.string().max(64).optional(),
  })
  .strict()

export const StoreSetReferralCode = z.object({ code: z.string().max(64) }).strict()

export const QrQuery = z.object({
  format: z.enum(["png", "svg"]).default("png"),
  size: z.coerce.number().int().min(64).max(1024).default(256),
})

export type AdminListPromotersType = z.infer<typeof AdminListPromoters>
export type AdminCreatePromoterType = z.infer<typeof AdminCreatePromoter>
export type AdminUpdatePromoterType = z.infer<typeof AdminUpdatePromoter>
export type SavePromoterLinkType = z.infer<typeof SavePromoterLink>
export type CreatePromoterCouponType = z.infer<typeof CreatePromoterCoupon>
export type CreatePromoterTierType = z.infer<typeof CreatePromoterTier>
export type UpdatePromoterTierType = z.infer<typeof UpdatePromoterTier>
export type StoreEnrolPromoterType = z.infer<typeof StoreEnrolPromoter>
export type StoreSetReferralCodeType = z.infer<typeof StoreSetReferralCode>
export type QrQueryType = z.infer<typeof QrQuery>
export type DownlineQueryType = z.infer<typeof DownlineQuery>

/** A UTM tag: printable text (a NUL byte cannot be stored, other control characters have no business there). */
const tag = z.string().max(200).regex(/^[^\u0000-\u001f\u007f]*$/, "must not contain control characters")

export const StoreRecordTouch = z
  .object({
    code: z.string().min(1).max(64),
    channel: z.enum(["web", "mobile", "social", "email", "chat", "qr", "in_store"]),
    slug: z.string().max(64).optional(),
    visitor_id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be 1 to 64 letters, digits, _ or -").optional(),
    email: z.string().email().optional(),
    utm_source: tag.optional(),
    utm_medium: tag.optional(),
    utm_campaign: tag.optional(),
  })
  .strict()

export const CreateTouchKey = z
  .object({
    /** Which app or till holds it, e.g. "Shop till 1". */
    name: z.string().trim().min(1).max(100),
  })
  .strict()

export const StoreSendInvitation = z
  .object({
    email: z.string().email(),
    name: z.string().trim().max(200).optional(),
    message: z.string().trim().max(1000).optional(),
    slug: z.string().max(64).optional(),
  })
  .strict()

export const StatsQuery = z
  .object({
    from: date().optional(),
    to: date().optional(),
    granularity: z.enum(["day", "week", "month"]).default("day"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must be before to", path: ["from"] })

/** Endpoints of the logged-in promoter that take no parameters: any query parameter is refused (400). */
export const StoreNoQuery = z.object({}).strict()

export type StoreRecordTouchType = z.infer<typeof StoreRecordTouch>
export type CreateTouchKeyType = z.infer<typeof CreateTouchKey>
export type StoreSendInvitationType = z.infer<typeof StoreSendInvitation>
export type StatsQueryType = z.infer<typeof StatsQuery>

const ruleStatus = z
  .enum(["draft", "active", "paused"])
  .describe("draft: saved, never runs; active: runs on its trigger; paused: kept with its history, does not run")

/**
 * A rule definition is an object (checked in full by the rule schema in the workflow); `null` is not "unchanged",
 * it is refused, so an update with `definition: null` neither fails later nor bumps the version.
 */
const definition = z.record(z.string(), z.unknown(), { message: "must be a rule definition object" })

export const SaveAutomationRule = z.object({ definition: definition.optional(), status: ruleStatus.optional() }).strict()

export const ListAutomationRules = createFindParams({ limit: 50, offset: 0 }).extend({
  status: z.union([ruleStatus, z.array(ruleStatus)]).optional(),
  q: z.string().max(200).optional(),
})

const subject = z.object({ type: z.enum(["customer", "promoter"]), id: z.string().min(1).max(100) }).strict()
const simulatedEvent = z
  .object({ name: z.string().min(1).max(100), data: z.record(z.string(), z.unknown()).default({}), at: date() })
  .strict()

export const SimulateRule = z
  .object({
    definition: definition.optional(),
    subject,
    events: z.array(simulatedEvent).max(500).optional(),
    from: date().optional(),
    to: date().optional(),
  })
  .strict()
  .refine((b) => b.events || (b.from && b.to), { message: "give events, or a from/to range of history", path: ["events"] })
  .refine((b) => !b.from || !b.to || b.from <= b.to, { message: "from must be before to", path: ["from"] })

export const ListRuns = z.object({
  subject_id: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

export const SetClock = z.object({ now: date().nullable() }).strict()

/** Level 5 reports: a date range (default: all history up to now). */
export const InsightsRange = z
  .object({ from: date().optional(), to: date().optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must be before to", path: ["from"] })
export type InsightsRangeType = z.infer<typeof InsightsRange>

/** Actions that take no input: any field is refused (400). */
export const EmptyBody = z.object({}).strict()

export type SaveAutomationRuleType = z.infer<typeof SaveAutomationRule>
export type ListAutomationRulesType = z.infer<typeof ListAutomationRules>
export type SimulateRuleType = z.infer<typeof SimulateRule>
export type ListRunsType = z.infer<typeof ListRuns>
export type SetClockType = z.infer<typeof SetClock>

const entryStatus = z.enum(["pending", "approved", "rejected", "paid"])
export const ListCommissions = z.object({
  promoter_id: z.string().max(100).optional(),
  order_id: z.string().max(100).optional(),
  status: z.union([entryStatus, z.array(entryStatus)]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
})
export const ListPayouts = z.object({
  /** Only the batches that paid this promoter. */
  promoter_id: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type ListPayoutsType = z.infer<typeof ListPayouts>
export const UpdateCommissionPlan = z
  .object({
    max_depth: z.number().int().min(1).max(20).optional(),
    compression: z.boolean().optional(),
    hold_days: z.number().int().min(0).max(365).optional(),
    base: z.enum(["items_after_discounts", "items_after_discounts_with_shipping"]).optional(),
    minimum_payout: z.record(z.string().length(3), z.string().regex(/^\d+(\.\d+)?$/)).nullable().optional(),
    default_rates_bps: z.array(z.number().int().min(0).max(10000)).max(20).nullable().optional(),
  })
  .strict()
const providerId = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, "must be a payout provider id like manual")
export const CreatePayout = z
  .object({
    currency_code: z.string().length(3),
    minimum: z.string().regex(/^\d+(\.\d+)?$/).optional(),
    /** The promoters whose payout method is this provider's (manual: also those without one). Default manual. */
    provider_id: providerId.optional(),
  })
  .strict()
/** A promoter's payout method: the provider validates the details (secret fields are written, never shown again). */
export const SetPayoutMethod = z.object({ provider_id: providerId, details: z.record(z.string(), z.unknown()).default({}) }).strict()
export type SetPayoutMethodType = z.infer<typeof SetPayoutMethod>
/** csv: the payout's lines; paypal: PayPal's mass-payment file (receiver, amount, currency, reference id, note). */
export const ExportPayout = z.object({ format: z.enum(["csv", "paypal"]).default("csv") }).strict()
export type ExportPayoutType = z.infer<typeof ExportPayout>
export const StoreRequestPayout = z.object({ currency_code: z.string().length(3) }).strict()
export type StoreRequestPayoutType = z.infer<typeof StoreRequestPayout>
export const ListPayoutRequests = z.object({
  status: z.enum(["requested", "approved", "rejected"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
})
export type ListPayoutRequestsType = z.infer<typeof ListPayoutRequests>
/** A statement of one payout (payout_id) or of the payouts paid in a year; exactly one of the two. */
export const StatementQuery = z
  .object({ year: z.coerce.number().int().min(2000).max(2100).optional(), payout_id: z.string().min(1).max(100).optional() })
  .strict()
export type StatementQueryType = z.infer<typeof StatementQuery>
export const MarkPayoutPaid = z.object({ reference: z.string().max(200).optional() }).strict()
export const ListRiskAssessments = z.object({
  /** pending: the fraud review queue (the default); all: every assessment. */
  review: z.enum(["pending", "clear", "approved", "rejected", "all"]).default("pending"),
  promoter_id: z.string().max(100).optional(),
  flagged: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
const riskDecision = { decision: z.enum(["approved", "rejected"]), note: z.string().trim().max(2000).nullable().optional() }
export const DecideRiskAssessment = z.object(riskDecision).strict()
export const DecideRiskAssessments = z
  .object({ ids: z.array(z.string().min(1).max(100)).min(1).max(100).refine((ids) => new Set(ids).size === ids.length, "must not repeat an id"), ...riskDecision })
  .strict()
export type ListRiskAssessmentsType = z.infer<typeof ListRiskAssessments>
export type DecideRiskAssessmentType = z.infer<typeof DecideRiskAssessment>
export type DecideRiskAssessmentsType = z.infer<typeof DecideRiskAssessments>
export type ListCommissionsType = z.infer<typeof ListCommissions>
export type UpdateCommissionPlanType = z.infer<typeof UpdateCommissionPlan>
export type CreatePayoutType = z.infer<typeof CreatePayout>
export type MarkPayoutPaidType = z.infer<typeof MarkPayoutPaid>

export const RunQualification = z
  .object({
    period: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be YYYY-MM")
      // A future month would stop the monthly qualification until then (an older period never overwrites it).
      .refine((p) => p <= new Date(clock.wall().getTime() + 86_400_000).toISOString().slice(0, 7), "period must not be a month that has not begun"),
    promoter_ids: z.array(z.string()).max(10000).optional(),
  })
  .strict()
export type RunQualificationType = z.infer<typeof RunQualification>

/** A reconciliation range: orders placed in [from, to), at most a year; by default the last 90 days. */
export const ReconcileLedger = z
  .object({
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
  })
  .strict()
  .transform(({ from, to }) => {
    const end = to ?? clock.wall()
    return { from: from ?? new Date(end.getTime() - 90 * 86_400_000), to: end }
  })
  .refine(({ from, to }) => Number.isFinite(from.getTime()) && Number.isFinite(to.getTime()) && from.getFullYear() >= 1970 && to.getFullYear() <= 9999, {
    message: "must be dates between 1970 and 9999",
    path: ["from"],
  })
  .refine(({ from, to }) => from < to && to.getTime() - from.getTime() <= 366 * 86_400_000, { message: "must be before `to`, at most a year apart", path: ["from"] })
export type ReconcileLedgerType = z.infer<typeof ReconcileLedger>

/** Balances, optionally of one promoter or in one currency. */
export const ListBalances = z.object({
  promoter_id: z.string().max(100).optional(),
  currency_code: z.string().length(3).optional(),
})
export type ListBalancesType = z.infer<typeof ListBalances>

/** A definition to check: anything (the answer lists what is wrong with it). */
export const ValidateRuleBody = z.object({ definition: z.unknown() })
export type ValidateRuleBodyType = z.infer<typeof ValidateRuleBody>

/** Events an endpoint listens to: names from the plugin's list, or ["*"] for all. */
const webhookEvents = z
  .array(z.union([z.literal("*"), z.enum(WEBHOOK_EVENTS)], { error: `events must each be "*" or one of ${WEBHOOK_EVENTS.join(", ")}` }))
  .min(1)
  .max(WEBHOOK_EVENTS.length + 1)
  .refine((list) => new Set(list).size === list.length, "events must not repeat an event")
const webhookUrl = z
  .string()
  .max(2000)
  .url()
  .refine((url) => /^https?:\/\//i.test(url), "url must be an http:// or https:// URL")
export const CreateWebhookEndpoint = z
  .object({ url: webhookUrl, description: z.string().max(500).nullish(), events: webhookEvents })
  .strict()
export const UpdateWebhookEndpoint = z
  .object({ url: webhookUrl.optional(), description: z.string().max(500).nullish(), events: webhookEvents.optional(), status: z.enum(["active", "disabled"]).optional() })
  .strict()
const deliveryStatus = z.enum(["pending", "succeeded", "failed"])
export const ListWebhookDeliveries = z
  .object({
    status: z.union([deliveryStatus, z.array(deliveryStatus)]).optional(),
    event_name: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type CreateWebhookEndpointType = z.infer<typeof CreateWebhookEndpoint>
export type UpdateWebhookEndpointType = z.infer<typeof UpdateWebhookEndpoint>
export type ListWebhookDeliveriesType = z.infer<typeof ListWebhookDeliveries>
