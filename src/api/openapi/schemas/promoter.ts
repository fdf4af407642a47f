import { z } from "@medusajs/framework/zod"
import { responseComponents } from "./registry"
import { amount, currencyCode, dateTime, decimal, metadata, nullableDateTime, PROMOTER_STATUS, timestamps } from "./common"

/** What a promoter shares: the short link and its QR code images. */
export const ShareUrls = z
  .object({
    short_link: z.string().describe("`{publicUrl}/r/{CODE}`: 302 to the storefront with the referral"),
    qr_png: z.string(),
    qr_svg: z.string(),
  })
  .register(responseComponents, { id: "ShareUrls" })

export const PromoterLink = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    destination_path: z.string().describe("The storefront path `/r/{CODE}/{slug}` redirects to"),
    metadata: metadata(),
    promoter_id: z.string(),
    ...timestamps,
    ...ShareUrls.shape,
  })
  .register(responseComponents, { id: "PromoterLink" })

const volume = z.object({ amount: z.union([z.number(), z.string()]), currency_code: z.string() })

export const PromoterTier = z
  .object({
    id: z.string(),
    name: z.string().describe("Unique among tiers"),
    rank: z
      .number()
      .int()
      .describe("Unique among tiers (a second tier with a taken rank is a 400); higher is better. Qualification moves promoters by rank."),
    commission_rates_bps: z
      .array(z.number().int())
      .describe("Basis points per level of the sponsor tree, index 0 = level 1 (the promoter who made the sale); 1000 = 10%"),
    qualification: z
      .object({ personal_volume: volume.optional(), group_volume: volume.optional(), active_recruits: z.number().int().optional() })
      .nullable()
      .describe("Criteria over a calendar month, evaluated at month end; all must hold. Null: assigned by hand or by rules only."),
    metadata: metadata(),
    ...timestamps,
  })
  .register(responseComponents, { id: "PromoterTier" })

/** The columns of a promoter row. */
const promoterFields = {
  id: z.string(),
  name: z.string(),
  email: z.string(),
  status: PROMOTER_STATUS,
  referral_code: z.string().describe("Upper case; case-insensitive when typed or scanned"),
  sponsor_id: z.string().nullable().describe("The promoter who recruited this one (the sponsor tree)"),
  customer_id: z.string().nullable().describe("The store customer this promoter is (self-enrolment, portal log-in)"),
  enrolled_at: nullableDateTime(),
  metadata: metadata(),
  qualified_period: z.string().nullable().describe("The latest month (YYYY-MM) whose tier qualification was applied"),
  tier_id: z
    .string()
    .nullable()
    .describe("Null: no tier. A promoter without a tier earns the plan's default_rates_bps, so nothing while those are empty."),
  ...timestamps,
}

export const Promoter = z
  .object({ ...promoterFields, links: z.array(PromoterLink).optional(), share: ShareUrls })
  .register(responseComponents, { id: "Promoter" })

const couponRef = z.object({ id: z.string(), code: z.string(), status: z.string() })

/** A promoter with tier, links, customer and coupons (GET /admin/promoters/{id}, the portal's /store/promoters/me). */
export const PromoterDetail = z
  .object({
    ...promoterFields,
    tier: PromoterTier.omit({}).nullable().optional(),
    links: z.array(PromoterLink),
    customer: z.object({ id: z.string(), email: z.string() }).nullable().optional(),
    promotions: z.array(couponRef).describe("The promoter's coupons (core promotions): id, code, status"),
    share: ShareUrls,
  })
  .register(responseComponents, { id: "PromoterDetail" })

export const PromoterRef = z
  .object({ id: z.string(), name: z.string(), referral_code: z.string() })
  .describe("A promoter's id, name and referral code")
  .register(responseComponents, { id: "PromoterRef" })

export const PromoterRefWithStatus = z
  .object({ id: z.string(), name: z.string(), referral_code: z.string(), status: PROMOTER_STATUS })
  .register(responseComponents, { id: "PromoterRefWithStatus" })

export const MoneyText = z.object({ currency_code: currencyCode(), amount: decimal() }).register(responseComponents, { id: "MoneyText" })

export const BalanceSplit = z
  .object({
    currency_code: currencyCode(),
    pending: decimal().describe("In the hold period or waiting for an admin's review"),
    approved: decimal().describe("Payable: goes into the next payout batch at or above the minimum"),
    paid: decimal().describe("In a payout marked paid"),
  })
  .describe("A ledger balance in one currency, by status (rejected entries are left out)")
  .register(responseComponents, { id: "BalanceSplit" })

/** A row of the admin's promoter table. */
export const PromoterListItem = z
  .object({
    ...promoterFields,
    tier: PromoterTier.nullable(),
    share: ShareUrls,
    sponsor: PromoterRef.nullable(),
    totals: z.object({ clicks: z.number().int(), conversions: z.number().int(), revenue: z.array(MoneyText) }).describe("All time"),
    income: z.array(BalanceSplit),
  })
  .register(responseComponents, { id: "PromoterListItem" })

export const TreeNode = z
  .object({
    id: z.string(),
    name: z.string(),
    referral_code: z.string(),
    status: PROMOTER_STATUS,
    tier_id: z.string().nullable(),
    sponsor_id: z.string().nullable(),
    level: z.number().int().describe("Distance from the promoter asked about: 1 = direct recruit (or direct sponsor)"),
  })
  .register(responseComponents, { id: "TreeNode" })

export const Coupon = z
  .object({
    id: z.string(),
    campaign_id: z.string().nullable().describe("The campaign that limits the coupon's uses (null: unlimited, no dates)"),
    code: z.string(),
    status: z.string().describe("The promotion's status: active, inactive (deactivated) or draft"),
    metadata: metadata(),
    created_at: dateTime(),
    application_method: z.object({
      id: z.string(),
      type: z.enum(["percentage", "fixed"]),
      target_type: z.enum(["order", "items", "shipping_methods"]),
      value: amount(),
      currency_code: z.string().nullable(),
    }),
    campaign: z
      .object({
        id: z.string(),
        starts_at: nullableDateTime(),
        ends_at: nullableDateTime(),
        budget: z.object({ limit: z.number().nullable(), used: z.number() }).nullable().describe("limit: the usage limit (null: unlimited); used: redemptions"),
      })
      .nullable(),
  })
  .describe("A promoter's coupon: a core promotion linked to the promoter, limited by its campaign budget")
  .register(responseComponents, { id: "Coupon" })

const counts = { clicks: z.number().int(), unique_clicks: z.number().int(), invitations: z.number().int(), conversions: z.number().int() }

export const PromoterStats = z
  .object({
    range: z.object({ from: z.string().describe("YYYY-MM-DD, store time zone"), to: z.string(), granularity: z.enum(["day", "week", "month"]) }),
    totals: z.object({ ...counts, conversion_rate: z.number().nullable().describe("conversions ÷ unique clicks; null without clicks") }),
    revenue: z.array(MoneyText),
    by_channel: z.array(z.object({ channel: z.string(), clicks: z.number().int(), unique_clicks: z.number().int(), conversions: z.number().int() })),
    series: z.array(
      z.object({
        period: z.string().describe("First day of the period, YYYY-MM-DD"),
        ...counts,
        revenue: z.array(MoneyText),
        by_channel: z.record(z.string(), z.object({ clicks: z.number().int(), conversions: z.number().int() })).optional(),
      })
    ),
    income: z.array(BalanceSplit).describe("All-time ledger balance"),
  })
  .register(responseComponents, { id: "PromoterStats" })
