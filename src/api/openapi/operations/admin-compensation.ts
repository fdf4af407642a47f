import { z } from "@medusajs/framework/zod"
import {
  CreatePayout,
  DecideRiskAssessment,
  DecideRiskAssessments,
  ListRiskAssessments,
  EmptyBody,
  ListBalances,
  ListCommissions,
  ListPayouts,
  MarkPayoutPaid,
  SetPayoutMethod,
  ExportPayout,
  ListPayoutRequests,
  StatementQuery,
  ReconcileLedger,
  RunQualification,
  UpdateCommissionPlan,
} from "../../validators"
import { OrderAttribution } from "../schemas/attribution"
import { dateTime, page } from "../schemas/common"
import { Balance, CommissionEntry, CommissionPlan, Payout, PayoutLine, PayoutMethodAnswer, PayoutRequest, STATEMENT_CSV } from "../schemas/compensation"
import { MoneyText, PromoterRef } from "../schemas/promoter"
import { RiskAssessment, RiskHeldEntry } from "../schemas/risk"
import type { Operation } from "../types"
import { E } from "./errors"

const TAG = "Admin: commissions"
const plan = z.object({ plan: CommissionPlan })
const commission = z.object({ commission: CommissionEntry })

const RISK_TAG = "Admin: fraud review"
const assessment = z.object({ assessment: RiskAssessment })

export const adminCompensationOperations: Operation[] = [
  {
    method: "get",
    path: "/admin/promoter-risk",
    tag: RISK_TAG,
    summary: "The fraud review queue",
    description:
      "Risk assessments, newest first: by default the flagged ones waiting for review, whose commissions are held. Each with " +
      "its signals and their evidence, the promoter, and the order's ledger entries.",
    auth: "admin",
    query: ListRiskAssessments,
    responses: {
      200: {
        description: "A page of assessments",
        schema: z.object({
          assessments: z.array(
            RiskAssessment.extend({
              promoter: PromoterRef.nullable(),
              held: z.array(MoneyText).describe("What the order's commissions still held for risk add up to, per currency"),
              entries: z.array(RiskHeldEntry),
            })
          ),
          ...page,
        }),
      },
    },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "post",
    path: "/admin/promoter-risk/{id}/decide",
    tag: RISK_TAG,
    summary: "Review a flagged order",
    description: "approved: its commissions go back to the normal hold and are approved when it ends; rejected: they are rejected and never paid. Once.",
    auth: "admin",
    body: DecideRiskAssessment,
    responses: { 200: { description: "The assessment as decided", schema: assessment } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The assessment"), ...E.notAllowed("The assessment is not pending review") },
  },
  {
    method: "post",
    path: "/admin/promoter-risk/decide",
    tag: RISK_TAG,
    summary: "Review flagged orders in bulk",
    description: "Each assessment is decided on its own; those already decided or unknown are refused with the reason.",
    auth: "admin",
    body: DecideRiskAssessments,
    responses: {
      200: {
        description: "What was decided and what was refused",
        schema: z.object({ decided: z.array(z.string()), refused: z.array(z.object({ id: z.string(), message: z.string() })) }),
      },
    },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "get",
    path: "/admin/orders/{id}/promoter-attribution",
    tag: "Admin: attribution",
    summary: "Who got the credit for an order, and why",
    description: "The winner, the deciding rule (decided_by), the winning touch and every candidate that was considered.",
    auth: "admin",
    responses: { 200: { description: "The order's attribution", schema: z.object({ attribution: OrderAttribution }) } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The order's attribution (not written yet, or no such order)") },
  },
  {
    method: "get",
    path: "/admin/commissions",
    tag: TAG,
    summary: "The ledger",
    description: "Filtered by promoter, order and status, oldest first; each entry with its promoter's name and code.",
    auth: "admin",
    query: ListCommissions,
    responses: {
      200: { description: "A page of entries", schema: z.object({ commissions: z.array(CommissionEntry.extend({ promoter: PromoterRef.nullable() })), ...page }) },
    },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "post",
    path: "/admin/commissions/{id}/approve",
    tag: TAG,
    summary: "Approve a pending entry",
    description: "Before its hold ends, or one held for review; its reversals follow it.",
    auth: "admin",
    responses: { 200: { description: "The entry", schema: commission } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The entry"), ...E.notAllowed("The entry is not pending") },
  },
  {
    method: "post",
    path: "/admin/commissions/{id}/reject",
    tag: TAG,
    summary: "Reject a pending entry",
    auth: "admin",
    responses: { 200: { description: "The entry", schema: commission } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The entry"), ...E.notAllowed("The entry is not pending") },
  },
  {
    method: "get",
    path: "/admin/commissions/reconcile",
    tag: TAG,
    summary: "Check the ledger against the orders",
    description:
      "What each order placed in [from, to) should have paid, recomputed from the order as it stands, against the ledger; " +
      "and every payout against its entries. A healthy store answers with no differences.",
    auth: "admin",
    query: ReconcileLedger,
    responses: {
      200: {
        description: "The differences",
        schema: z.object({
          from: dateTime(),
          to: dateTime(),
          orders_checked: z.number().int(),
          differences: z.array(
            z.object({
              cause: z.enum([
                "commission_not_settled",
                "commission_over_reversed",
                "bonus_not_taken_back",
                "volume_differs",
                "payout_lines_differ",
                "paid_outside_paid_payout",
              ]),
              order_id: z.string().optional(),
              promoter_id: z.string().optional(),
              level: z.number().int().nullable().optional(),
              entry_id: z.string().optional(),
              payout_id: z.string().optional(),
              currency_code: z.string().optional(),
              expected: z.string(),
              actual: z.string(),
            })
          ),
        }),
      },
    },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "get",
    path: "/admin/commission-balances",
    tag: TAG,
    summary: "Balances per promoter and currency",
    description: "pending / approved / paid, exact decimals. Rejected entries are left out.",
    auth: "admin",
    query: ListBalances,
    responses: { 200: { description: "The balances", schema: z.object({ balances: z.array(Balance) }) } },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "get",
    path: "/admin/commission-plan",
    tag: TAG,
    summary: "The commission plan",
    description: "Unilevel: rates per level live on the tiers; promoters without a tier earn default_rates_bps, so nothing while it is empty.",
    auth: "admin",
    responses: { 200: { description: "The plan", schema: plan } },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "post",
    path: "/admin/commission-plan",
    tag: TAG,
    summary: "Update the commission plan",
    auth: "admin",
    body: UpdateCommissionPlan,
    responses: { 200: { description: "The plan", schema: plan } },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "post",
    path: "/admin/tier-qualification",
    tag: TAG,
    summary: "Run tier qualification for a month now",
    description: "For all active promoters, or the given ones (the monthly job does the same at month end).",
    auth: "admin",
    body: RunQualification,
    responses: {
      200: {
        description: "Per promoter: from which tier to which, on which figures",
        schema: z.object({
          period: z.string(),
          results: z.array(
            z.object({
              promoter_id: z.string(),
              from: z.string().nullable(),
              to: z.string().nullable(),
              figures: z.record(z.string(), z.unknown()).nullable().describe("personal and group volume per currency, active recruits"),
              skipped: z.string().optional(),
              error: z.string().optional(),
            })
          ),
        }),
      },
    },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "get",
    path: "/admin/payouts",
    tag: "Admin: payouts",
    summary: "List payout batches",
    description: "Newest first; `promoter_id` keeps the batches that paid that promoter.",
    auth: "admin",
    query: ListPayouts,
    responses: {
      200: {
        description: "A page of payouts, each line with its promoter",
        schema: z.object({
          payouts: z.array(Payout.extend({ lines: z.object({ list: z.array(PayoutLine.extend({ promoter: PromoterRef.nullable() })) }) })),
          ...page,
        }),
      },
    },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "post",
    path: "/admin/payouts",
    tag: "Admin: payouts",
    summary: "Create a payout batch",
    description: "Of the approved balances at or above the minimum (the body's, or the plan's minimum_payout), in one currency.",
    auth: "admin",
    body: CreatePayout,
    responses: { 201: { description: "The batch", schema: z.object({ payout: Payout }) } },
    errors: { ...E.invalid, ...E.admin, ...E.notAllowed("No approved balance in that currency reaches the minimum") },
  },
  {
    method: "post",
    path: "/admin/payouts/{id}/mark-paid",
    tag: "Admin: payouts",
    summary: "Mark a payout paid",
    description: "A manual payout, once: its entries become paid. A payout through another provider is executed instead (409).",
    auth: "admin",
    body: MarkPayoutPaid,
    responses: { 200: { description: "The payout", schema: z.object({ payout: Payout }) } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The payout"), ...E.conflict("The payout is already paid, or pays through another provider") },
  },
  {
    method: "post",
    path: "/admin/payouts/{id}/execute",
    tag: "Admin: payouts",
    summary: "Send a payout through its provider, or retry it",
    description:
      "Records each line as sending with its idempotency key (payout:promoter), calls the provider, records its answers. " +
      "Lines the provider refused leave the payout (their entries are approved again, the error kept in lines.failed); " +
      "a payout left processing (a timeout, a crash) is retried with the same keys and never paid twice.",
    auth: "admin",
    body: EmptyBody,
    responses: { 200: { description: "The payout after this sending", schema: z.object({ payout: Payout }) } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The payout"), ...E.conflict("The payout is settled: nothing left to send") },
  },
  {
    method: "get",
    path: "/admin/payout-requests",
    tag: "Admin: payouts",
    summary: "Promoters' payout requests",
    description: "Oldest first; status=requested is the queue to approve.",
    auth: "admin",
    query: ListPayoutRequests,
    responses: {
      200: { description: "A page of requests, each with its promoter", schema: z.object({ payout_requests: z.array(PayoutRequest.extend({ promoter: PromoterRef.nullable() })), ...page }) },
    },
    errors: { ...E.invalid, ...E.admin },
  },
  {
    method: "post",
    path: "/admin/payout-requests/{id}/approve",
    tag: "Admin: payouts",
    summary: "Approve a payout request",
    description: "Makes a draft payout of the promoter's approved balance through their method's provider (send it with execute).",
    auth: "admin",
    body: EmptyBody,
    responses: { 200: { description: "The request and its payout", schema: z.object({ payout_request: PayoutRequest, payout: Payout }) } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The request"), ...E.notAllowed("Nothing approved is left to pay"), ...E.conflict("The request is already decided") },
  },
  {
    method: "post",
    path: "/admin/payout-requests/{id}/reject",
    tag: "Admin: payouts",
    summary: "Reject a payout request",
    auth: "admin",
    body: EmptyBody,
    responses: { 200: { description: "The request", schema: z.object({ payout_request: PayoutRequest }) } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The request"), ...E.conflict("The request is already decided") },
  },
  {
    method: "get",
    path: "/admin/promoters/{id}/statement",
    tag: "Admin: payouts",
    summary: "A promoter's payout statement",
    description: "Of one payout (payout_id) or of the payouts paid in a year (year), as CSV.",
    auth: "admin",
    query: StatementQuery,
    responses: { 200: STATEMENT_CSV },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The promoter") },
  },
  {
    method: "get",
    path: "/admin/promoters/{id}/payout-method",
    tag: "Admin: payouts",
    summary: "A promoter's payout method",
    description: "Secret fields only as set, never their values.",
    auth: "admin",
    responses: { 200: { description: "The method and the providers to choose from", schema: PayoutMethodAnswer } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The promoter") },
  },
  {
    method: "post",
    path: "/admin/promoters/{id}/payout-method",
    tag: "Admin: payouts",
    summary: "Set a promoter's payout method",
    description: "The provider validates the details (a 400 names the bad field; nothing changes).",
    auth: "admin",
    body: SetPayoutMethod,
    responses: { 200: { description: "The method and the providers to choose from", schema: PayoutMethodAnswer } },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The promoter") },
  },
  {
    method: "get",
    path: "/admin/payouts/{id}/export",
    tag: "Admin: payouts",
    summary: "A payout as CSV",
    description:
      "One line per promoter: payout_id, promoter_id, name, email, referral_code, currency_code, amount (exact). " +
      "format=paypal: PayPal's mass-payment file, no header: receiver e-mail (the promoter's PayPal method, else their e-mail), amount, currency, reference id (promoter id), note.",
    auth: "admin",
    query: ExportPayout,
    responses: {
      200: {
        description: "The CSV file",
        content: { "text/csv": { schema: { type: "string" } } },
        headers: { "Content-Disposition": { description: 'attachment; filename="{payout id}.csv"', schema: { type: "string" } } },
      },
    },
    errors: { ...E.invalid, ...E.admin, ...E.notFound("The payout") },
  },
]

