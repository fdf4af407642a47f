import { z } from "@medusajs/framework/zod"
import { SetPayoutMethod, StatementQuery, StoreRequestPayout, StatsQuery, StoreEnrolPromoter, StoreNoQuery, StoreRecordTouch, StoreSendInvitation, StoreSetReferralCode, SavePromoterLink } from "../../validators"
import { CHANNEL } from "../schemas/attribution"
import { dateTime, decimal } from "../schemas/common"
import { PAYOUT_STATUS, PayoutMethodAnswer, PayoutRequest, PromoterEntryView, STATEMENT_CSV } from "../schemas/compensation"
import { BalanceSplit, Coupon, PromoterDetail, PromoterLink, PromoterStats, ShareUrls } from "../schemas/promoter"
import type { Operation } from "../types"
import { E } from "./errors"

const TAG = "Store: the logged-in promoter"
const notPromoter = E.notFound("The customer's promoter account (enrol with POST /store/promoters/me)")
const promoter = z.object({ promoter: PromoterDetail })
const measure = z.union([z.number(), z.object({ amount: z.string(), currency_code: z.string() })])

export const storeOperations: Operation[] = [
  {
    method: "get",
    path: "/store/promoters/me",
    tag: TAG,
    summary: "The logged-in customer's promoter account",
    auth: "customer",
    responses: { 200: { description: "The promoter", schema: promoter } },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "post",
    path: "/store/promoters/me",
    tag: TAG,
    summary: "Enrol as a promoter",
    description: "Optionally under a sponsor's code. Enrolling again answers 200 with the same promoter (409 if it asks for another code or sponsor).",
    auth: "customer",
    body: StoreEnrolPromoter,
    responses: {
      201: { description: "The new promoter", schema: promoter },
      200: { description: "Already enrolled: the same promoter", schema: promoter },
    },
    errors: { ...E.invalid, ...E.customer, ...E.conflict("Already a promoter with another code or sponsor") },
  },
  {
    method: "post",
    path: "/store/promoters/me/referral-code",
    tag: TAG,
    summary: "Pick a vanity referral code",
    auth: "customer",
    body: StoreSetReferralCode,
    responses: { 200: { description: "The promoter", schema: promoter } },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "get",
    path: "/store/promoters/me/payout-method",
    tag: TAG,
    summary: "The promoter's payout method",
    description: "Secret fields only as set, never their values.",
    auth: "customer",
    responses: { 200: { description: "The method and the providers to choose from", schema: PayoutMethodAnswer } },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "post",
    path: "/store/promoters/me/payout-method",
    tag: TAG,
    summary: "Set the promoter's payout method",
    description: "The provider validates the details (a 400 names the bad field; nothing changes). Secret fields are written, never shown again.",
    auth: "customer",
    body: SetPayoutMethod,
    responses: { 200: { description: "The method and the providers to choose from", schema: PayoutMethodAnswer } },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "get",
    path: "/store/promoters/me/payout-requests",
    tag: TAG,
    summary: "The promoter's payout requests",
    auth: "customer",
    responses: {
      200: {
        description: "Newest first, with the plan's minimum payout per currency",
        schema: z.object({ payout_requests: z.array(PayoutRequest), minimum_payout: z.record(z.string(), z.string()) }),
      },
    },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "post",
    path: "/store/promoters/me/payout-requests",
    tag: TAG,
    summary: "Request a payout",
    description: "Of the approved balance in a currency, at or above the plan's minimum payout; an admin approves it.",
    auth: "customer",
    body: StoreRequestPayout,
    responses: { 201: { description: "The request", schema: z.object({ payout_request: PayoutRequest }) } },
    errors: { ...E.invalid, ...E.customer, ...notPromoter, ...E.notAllowed("The approved balance is below the minimum payout"), ...E.conflict("A payout in that currency is already requested") },
  },
  {
    method: "get",
    path: "/store/promoters/me/statement",
    tag: TAG,
    summary: "The promoter's payout statement",
    description: "Of one payout (payout_id) or of the payouts paid in a year (year), as CSV; never the orders behind the entries.",
    auth: "customer",
    query: StatementQuery,
    responses: { 200: STATEMENT_CSV },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "get",
    path: "/store/promoters/me/links",
    tag: TAG,
    summary: "What the promoter shares",
    auth: "customer",
    responses: { 200: { description: "The short link, QR codes and named links", schema: z.object({ share: ShareUrls, links: z.array(PromoterLink) }) } },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "post",
    path: "/store/promoters/me/links",
    tag: TAG,
    summary: "Create or replace a named link",
    auth: "customer",
    body: SavePromoterLink,
    responses: { 201: { description: "The link", schema: z.object({ link: PromoterLink }) } },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "get",
    path: "/store/promoters/me/stats",
    tag: TAG,
    summary: "The promoter's own dashboard numbers",
    auth: "customer",
    query: StatsQuery,
    responses: { 200: { description: "The numbers", schema: z.object({ stats: PromoterStats }) } },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "get",
    path: "/store/promoters/me/income",
    tag: TAG,
    summary: "The promoter's income over time",
    description: "Commissions and bonuses per day/week/month and currency, split by status now, and the all-time totals.",
    auth: "customer",
    query: StatsQuery,
    responses: {
      200: {
        description: "The income",
        schema: z.object({
          income: z.object({
            range: z.object({ from: z.string(), to: z.string(), granularity: z.enum(["day", "week", "month"]) }),
            series: z.array(z.object({ period: z.string(), currency_code: z.string(), pending: decimal(), approved: decimal(), paid: decimal() })),
            totals: z.array(BalanceSplit),
          }),
        }),
      },
    },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "get",
    path: "/store/promoters/me/goals",
    tag: TAG,
    summary: "The promoter's goals and tier progress",
    description: "Thresholds the store's active rules set on the promoter's sales, orders and recruits in a running period, and progress to the next earned tier.",
    auth: "customer",
    query: StoreNoQuery,
    responses: {
      200: {
        description: "The goals",
        schema: z.object({
          goals: z.array(
            z.object({
              id: z.string(),
              rule_id: z.string(),
              name: z.string(),
              branch: z.string().nullable(),
              metric: z.enum(["sales_amount", "sales_count", "recruits"]),
              operator: z.enum(["gte", "gt"]),
              current: measure,
              target: measure,
              progress: z.number().describe("0..1"),
              achieved: z.boolean(),
              rewarded: z.boolean().describe("The rule already fired for the promoter in this period"),
              period: z.object({ key: z.string(), label: z.string(), starts_at: z.string(), ends_at: z.string().nullable() }),
              rewards: z.array(z.record(z.string(), z.unknown()).describe("type: bonus, coupon, tier, status or message, with its amount or value")),
            })
          ),
          tier: z
            .object({
              period: z.object({ key: z.string(), label: z.string() }),
              current: z.object({ id: z.string(), name: z.string(), rank: z.number() }).nullable(),
              next: z
                .object({
                  id: z.string(),
                  name: z.string(),
                  rank: z.number(),
                  criteria: z.array(
                    z.object({
                      kind: z.enum(["personal_volume", "group_volume", "active_recruits"]),
                      current: measure,
                      target: measure,
                      met: z.boolean(),
                      progress: z.number(),
                    })
                  ),
                })
                .nullable(),
            })
            .nullable()
            .describe("Null when no tier has qualification criteria"),
        }),
      },
    },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "get",
    path: "/store/promoters/me/downline",
    tag: TAG,
    summary: "The size of the promoter's team, per level",
    description: "Counts only, never who they are.",
    auth: "customer",
    query: StoreNoQuery,
    responses: {
      200: {
        description: "The counts",
        schema: z.object({
          downline: z.object({
            total: z.number().int(),
            active: z.number().int(),
            direct: z.number().int(),
            levels: z.array(z.object({ level: z.number().int(), total: z.number().int(), active: z.number().int() })),
          }),
        }),
      },
    },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "get",
    path: "/store/promoters/me/commissions",
    tag: TAG,
    summary: "The promoter's balance, entries and payouts",
    description: "Amounts, levels, dates and statuses; never the orders or buyers behind them.",
    auth: "customer",
    responses: {
      200: {
        description: "Balances, the latest 500 entries, and the payouts",
        schema: z.object({
          balances: z.array(BalanceSplit.extend({ promoter_id: z.string() })),
          commissions: z.array(PromoterEntryView),
          payouts: z.array(z.object({ id: z.string(), currency_code: z.string(), status: PAYOUT_STATUS, paid_at: dateTime().nullable(), amount: decimal() })),
        }),
      },
    },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "get",
    path: "/store/promoters/me/coupons",
    tag: TAG,
    summary: "The promoter's coupons",
    auth: "customer",
    responses: { 200: { description: "The coupons", schema: z.object({ coupons: z.array(Coupon) }) } },
    errors: { ...E.invalid, ...E.customer, ...notPromoter },
  },
  {
    method: "post",
    path: "/store/promoters/me/invitations",
    tag: TAG,
    summary: "Invite someone by e-mail",
    description: "Sends the promoter's link (or a named link) through the store's e-mail channel; a daily limit per promoter.",
    auth: "customer",
    body: StoreSendInvitation,
    responses: { 201: { description: "Sent", schema: z.object({ invitation: z.object({ to: z.string(), link: z.string() }) }) } },
    errors: {
      ...E.invalid,
      ...E.customer,
      ...E.notFound("The promoter account, or the named link"),
      429: "The promoter's invitations for today are used up",
      ...E.noChannel,
    },
  },
  {
    method: "post",
    path: "/store/referrals/touches",
    tag: "Store: referrals",
    summary: "Record a touch from an app, a social integration or a till",
    description:
      "Written at once. Only a touch key's holder (`x-promoter-touch-key` or `Authorization: Bearer ptk_…`) or the " +
      "logged-in customer (about themselves) may name a person (email); anyone else records a visitor_id only. A " +
      "visitor_id named without that visitor's signed token (`x-promoter-visitor` or the `prm_ref` cookie) or a touch " +
      "key is kept as `app:<visitor_id>` (the answer shows it), apart from the visitors short links make.",
    auth: "store_optional_customer",
    body: StoreRecordTouch,
    responses: {
      201: {
        description: "The touch",
        schema: z.object({ touch: z.object({ promoter_code: z.string(), channel: CHANNEL, visitor_id: z.string().nullable(), occurred_at: dateTime() }) }),
      },
    },
    errors: {
      ...E.notAllowed("Invalid, or the promoter's code is not active"),
      401: "The touch key is unknown or revoked",
      403: "The touch names a person (email) without a touch key, or a customer names someone else",
      ...E.notFound("No promoter has the code, or the promoter has no such link"),
      ...E.rateLimited,
    },
  },
]
