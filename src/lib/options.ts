import { z } from "@medusajs/framework/zod"
import { FACT_NAME, FACT_TYPES, type FactDefinition } from "./rules-engine/registry"

/** Where an order's credit can come from, in the order the store owner wants them tried. */
export const ATTRIBUTION_SOURCES = ["coupon", "cart_referral", "customer_binding", "touch"] as const

const hostPattern = /^[a-z0-9.-]+(:\d{1,5})?$/i

export const pluginOptionsSchema = z
  .object({
    /** Public storefront URL that short links redirect to. */
    storefrontUrl: z.string().url(),
    /** Extra storefront hosts (host[:port]) a link destination may use. */
    allowedStorefrontHosts: z.array(z.string().regex(hostPattern, "must be a host name, e.g. shop.example.com")).default([]),
    /** Public URL of this Medusa server: short links and QR codes are printed with it. */
    publicUrl: z.string().url().default("http://localhost:9000"),
    /** HMAC secret that signs the visitor cookie. */
    cookieSecret: z.string().min(32, "must be at least 32 characters"),
    /** Salt for the hash of visitors' IP addresses. */
    ipHashSalt: z.string().min(8, "must be at least 8 characters"),
    attributionWindowDays: z.number().int().min(1).max(365).default(30),
    attributionModel: z.enum(["last_touch", "first_touch"]).default("last_touch"),
    precedence: z
      .array(z.enum(ATTRIBUTION_SOURCES))
      .min(1)
      .refine((list) => new Set(list).size === list.length, "must not repeat a source")
      .default([...ATTRIBUTION_SOURCES]),
    /** Months a customer stays bound to the promoter of their first attributed order; null = for life. */
    customerBindingMonths: z.number().int().min(1).max(1200).nullable().default(null),
    selfReferral: z.enum(["allow", "flag", "deny"]).default("flag"),
    /** Storefront path for unknown or inactive codes. */
    unknownCodeRedirectPath: z.string().startsWith("/").default("/"),
    /** A coupon created for every promoter when they become active. */
    defaultCoupon: z
      .object({
        enabled: z.boolean().default(false),
        type: z.enum(["percentage", "fixed"]).default("percentage"),
        /** Percent (1-100) for percentage; amount in the currency's main unit for fixed. */
        value: z.number().positive().default(10),
        currencyCode: z.string().length(3).optional(),
      })
      .default({ enabled: false, type: "percentage", value: 10 }),
    /** Defaults of the commission plan, used when the plan is first created (then managed in the admin API). */
    commissionPlan: z
      .object({
        maxDepth: z.number().int().min(1).max(20).default(3),
        compression: z.boolean().default(false),
        holdDays: z.number().int().min(0).max(365).default(30),
        base: z.enum(["items_after_discounts", "items_after_discounts_with_shipping"]).default("items_after_discounts"),
      })
      .default({ maxDepth: 3, compression: false, holdDays: 30, base: "items_after_discounts" }),
    /**
     * Whether the store runs behind a reverse proxy or load balancer that sets X-Forwarded-For. Client addresses (rate
     * limits, IP hashes) are then `req.ip` as Express computes it with the one proxy Medusa trusts; otherwise the
     * address of the connection itself, so a client cannot pick its own address by sending the header.
     */
    trustProxy: z.boolean().default(false),
    /** Requests per minute and IP on the public touch API and on short links (per server process). */
    rateLimits: z
      .object({
        touchesPerMinute: z.number().int().min(1).max(100000).default(60),
        redirectsPerMinute: z.number().int().min(1).max(1000000).default(600),
        invitationsPerDay: z.number().int().min(1).max(10000).default(50),
      })
      .default({ touchesPerMinute: 60, redirectsPerMinute: 600, invitationsPerDay: 50 }),
    /**
     * For test suites only, never in production. `clock`: POST /admin/automation/clock may move the automation clock.
     * `jobs: false`: the plugin's scheduled jobs do nothing (suites that move the clock run the due work themselves).
     */
    testing: z.object({ clock: z.boolean().default(false), jobs: z.boolean().default(true) }).default({ clock: false, jobs: true }),
    /**
     * The provider's template id for each of the plugin's (SendGrid's are generated, `d-…`): e.g.
     * `{ "promoter-invitation": "d-4f…" }`. Ids without an entry are sent as they are.
     */
    notificationTemplates: z.record(z.string().min(1).max(200), z.string().min(1).max(200)).default({}),
    /** Time zone in which calendar periods (months, seasons) are counted. */
    storeTimezone: z.string().default("UTC"),
    /**
     * Facts of the store's own that rules may use, each with its resolver (registered with the rules engine's
     * registerFact in every process that loads the plugin): e.g. `{ name: "customer.email_domain", type: "string",
     * subject: "customer", description: "…", resolve: async ({ subject, container }) => … }`.
     */
    facts: z
      .array(
        z
          .object({
            name: z.string().regex(FACT_NAME, 'must be a dotted name like "customer.shoe_size"'),
            type: z.enum(FACT_TYPES),
            subject: z.enum(["customer", "promoter", "any"]),
            description: z.string().min(1).max(300),
            /** A zod object schema of the fact's params (default: no params). */
            params: z.custom<FactDefinition["params"]>((v) => typeof (v as { safeParse?: unknown } | null)?.safeParse === "function", "must be a zod schema").optional(),
            resolve: z.custom<NonNullable<FactDefinition["resolve"]>>((v) => typeof v === "function", "must be a function"),
          })
          .strict()
      )
      .default([]),
    /** Level 5: outcomes of rule actions, control groups, predictions, the periodic summary. */
    insights: z
      .object({
        /** Revenue after an action is measured in this currency (orders in others count as orders, not revenue). */
        currencyCode: z.string().length(3).transform((c) => c.toLowerCase()).default("usd"),
        /** Days after an action in which the subject's orders count as its outcome, unless a rule sets its own. */
        outcomeWindowDays: z.number().int().min(1).max(365).default(14),
        /** Who gets the periodic summary (the weekly job) and on which channel; none: it is only stored and shown. */
        summaryRecipients: z.array(z.string().email()).max(50).default([]),
        summaryChannel: z.enum(["email", "feed"]).default("email"),
        /** Days the summary looks back over. */
        summaryPeriodDays: z.number().int().min(1).max(92).default(7),
      })
      .strict()
      .default({ currencyCode: "usd", outcomeWindowDays: 14, summaryRecipients: [], summaryChannel: "email", summaryPeriodDays: 7 }),
    /**
     * Fraud and risk: every attributed order is assessed when its commissions are written; a flagged one's commissions
     * are held (hold_reason "risk") for the fraud review queue. Thresholds: src/lib/risk (DEFAULT_RISK_THRESHOLDS).
     */
    risk: z
      .object({
        enabled: z.boolean().default(true),
        /** Days of a promoter's conversions the figures look back over. */
        windowDays: z.number().int().min(1).max(365).default(90),
        thresholds: z
          .object({
            flagScore: z.number().positive().max(10),
            sharedAddressCustomers: z.number().int().min(2).max(1000),
            couponLeakOrders: z.number().int().min(1).max(100000),
            couponLeakShare: z.number().min(0).max(1),
            clickBurst: z.number().int().min(1).max(10_000_000),
            clickConversionMax: z.number().min(0).max(1),
            refundRate: z.number().min(0).max(1),
            refundRateMinOrders: z.number().int().min(1).max(100000),
            newAccountMinutes: z.number().int().min(1).max(10080),
            newAccountShare: z.number().min(0).max(1),
          })
          .strict()
          .partial()
          .default({}),
      })
      .strict()
      .default({ enabled: true, windowDays: 90, thresholds: {} }),
    /** Webhooks: the plugin's events POSTed, signed (Standard Webhooks), to the URLs admins subscribe (README, "Webhooks"). */
    webhooks: z
      .object({
        /**
         * Whether endpoints may point at loopback, private or link-local addresses (refused by default: the worker
         * would otherwise call the store's own network for whoever can add an endpoint). For local development and tests.
         */
        allowPrivateUrls: z.boolean().default(false),
        /** An endpoint is disabled after this many deliveries in a row failed for good (every retry used). */
        maxConsecutiveFailures: z.number().int().min(1).max(1000).default(5),
        /** Milliseconds a receiver has to answer one attempt. */
        timeoutMs: z.number().int().min(100).max(60_000).default(10_000),
        /** Attempts in flight at once per worker run (a slow endpoint holds one of them, at most timeoutMs). */
        concurrency: z.number().int().min(1).max(100).default(8),
        /** Deliveries a worker takes per run. */
        batchSize: z.number().int().min(1).max(1000).default(100),
        /** Hours a rotated-out secret still signs next to the new one, so receivers can switch without a gap. */
        rotationGraceHours: z.number().min(0).max(24 * 30).default(24),
      })
      .strict()
      .default({ allowPrivateUrls: false, maxConsecutiveFailures: 5, timeoutMs: 10_000, concurrency: 8, batchSize: 100, rotationGraceHours: 24 }),
    /**
     * Payout providers, configured like Medusa's own: one id each, with its options. `manual` (CSV and mark-paid) is
     * always there; built in besides: `stripe_connect` ({ apiKey }), `paypal`, `store_credit`. `resolve` names a module
     * whose default export is a provider factory of the store's own.
     */
    payouts: z
      .object({
        providers: z
          .array(
            z
              .object({
                id: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, "must be a lower-case id like stripe_connect"),
                resolve: z.string().min(1).optional(),
                options: z.record(z.string(), z.unknown()).default({}),
              })
              .strict()
          )
          .refine((list) => new Set(list.map((p) => p.id)).size === list.length, "must not repeat a provider id")
          .default([]),
      })
      .strict()
      .default({ providers: [] }),
    /** The promoter portal, a page served at GET /promoter. */
    portal: z
      .object({
        enabled: z.boolean().default(true),
        /**
         * The publishable API key the page sends with its store API calls (public by design, like a storefront's).
         * Default: the oldest publishable key that is not revoked.
         */
        publishableKey: z.string().startsWith("pk_", "must be a publishable key (pk_…)").optional(),
        /** Heading of the page. */
        title: z.string().trim().min(1).max(80).default("Promoter portal"),
        /** Main colour of buttons and charts, #rrggbb. */
        accentColor: z.string().regex(/^#[0-9a-f]{6}$/i, "must be a colour like #4f46e5").default("#4f46e5"),
      })
      .strict()
      .default({ enabled: true, title: "Promoter portal", accentColor: "#4f46e5" }),
  })
  .strict()

export type PluginOptions = z.infer<typeof pluginOptionsSchema>

/** Bad plugin options; the message names every bad option by its path. */
export class PluginOptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(`medusa-plugin-promoter: invalid plugin option ${problems.join("; ")}`)
    this.name = "PluginOptionsError"
  }
}

/** Parses plugin options; the error names every bad option by its path. */
export function parsePluginOptions(raw: unknown): PluginOptions {
  // Medusa adds its own keys to a plugin module's options; unknown keys of the store owner's are still refused.
  const { database: _database, ...own } = (raw ?? {}) as Record<string, unknown>
  const parsed = pluginOptionsSchema.safeParse(own)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.length ? issue.path.join(".") : "(options)"
    return `"${name}": ${issue.message}`
  })
  throw new PluginOptionsError(problems)
}

/**
 * What a store owner reads first when the options are bad: Medusa reports the loader's error inside its own stack
 * trace, which hides the one line that matters.
 */
export function pluginOptionsErrorParagraph(error: PluginOptionsError): string {
  return (
    `medusa-plugin-promoter cannot start: invalid plugin option ${error.problems.join("; ")}. ` +
    `Fix the options of the plugins entry { resolve: "medusa-plugin-promoter" } in medusa-config; ` +
    `an option read from an environment variable that is not set arrives as undefined (the variables are listed ` +
    `in the plugin's .env.template), and every option is described in its README, "Install into your store". ` +
    `The store stops here; the error that follows is Medusa's report of the same problem.`
  )
}
