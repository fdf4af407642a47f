import { z } from "@medusajs/framework/zod"
import { bigNumber } from "./attribution"
import { currencyCode, dateTime, decimal, nullableDateTime, timestamps } from "./common"
import { PromoterRef } from "./promoter"
import { responseComponents } from "./registry"

export const ENTRY_STATUS = z
  .enum(["pending", "approved", "rejected", "paid"])
  .describe("pending: in the hold period (hold_days) or held for review (hold_reason); approved: payable; rejected: by an admin; paid: in a paid payout")

export const CommissionEntry = z
  .object({
    id: z.string(),
    source_key: z.string().describe("The natural key that makes the entry unique (order, promoter, level, kind; or the return/refund it reverses)"),
    kind: z.enum(["commission", "reversal", "bonus"]).describe("reversal: a negative entry taking back part of the entry it reverses (cancel, return, refund)"),
    status: ENTRY_STATUS,
    promoter_id: z.string(),
    order_id: z.string().nullable(),
    level: z.number().int().nullable().describe("1 = the promoter credited with the order, 2 = their sponsor, …"),
    rate_bps: z.number().int().nullable(),
    ...bigNumber("base", { nullable: true, description: "The order's commission base the rate applied to" }),
    ...bigNumber("amount"),
    currency_code: currencyCode(),
    reverses_entry_id: z.string().nullable(),
    payout_id: z.string().nullable(),
    hold_until: nullableDateTime(),
    note: z.string().nullable(),
    hold_reason: z.string().nullable().describe('Why a pending entry waits for an admin instead of its hold\'s end (e.g. "self_referral")'),
    context: z
      .object({ rule_id: z.string(), rule_version: z.number().int().nullable(), definition: z.record(z.string(), z.unknown()).nullable(), event: z.record(z.string(), z.unknown()).nullable() })
      .nullable()
      .describe("A bonus's record of what earned it (the awarding rule as it was, and the triggering event), checked again at the end of its hold; null for commissions and reversals"),
    ...timestamps,
  })
  .register(responseComponents, { id: "CommissionEntry" })

export const PAYOUT_STATUS = z
  .enum(["draft", "processing", "paid", "partially_failed", "failed"])
  .describe("draft: made, not sent; processing: sending, or lines pending at the provider; paid | partially_failed | failed: settled")

export const PayoutLine = z.object({
  promoter_id: z.string(),
  amount: decimal(),
  status: z.enum(["draft", "sending", "pending", "paid", "failed"]).optional().describe("sending: recorded before the provider was called (a retry sends again with the same key)"),
  reference: z.string().nullable().optional().describe("The provider's id for the line (a transfer, a batch item, a credit)"),
  error: z.string().nullable().optional(),
  idempotency_key: z.string().optional().describe("One per payout and promoter"),
})

export const Payout = z
  .object({
    id: z.string(),
    currency_code: currencyCode(),
    provider_id: z.string().describe("The payout provider it pays through (manual: CSV and mark-paid)"),
    status: PAYOUT_STATUS,
    ...bigNumber("total"),
    lines: z
      .object({ list: z.array(PayoutLine), failed: z.array(PayoutLine).optional().describe("Lines the provider refused, with the error: their entries are approved again and out of the payout") })
      .describe("One line per promoter: the approved balance the batch pays"),
    paid_at: nullableDateTime(),
    reference: z.string().nullable(),
    error: z.string().nullable().describe("The last sending's failure (provider unreachable, a timeout), until a retry settles the lines"),
    ...timestamps,
  })
  .register(responseComponents, { id: "Payout" })

export const PayoutMethod = z
  .object({
    id: z.string(),
    promoter_id: z.string(),
    provider_id: z.string(),
    details: z.record(z.string(), z.unknown()).describe("The details the provider validated, without its secret fields"),
    secrets_set: z.array(z.string()).describe("Secret fields that are set (never shown again)"),
    created_at: dateTime(),
    updated_at: dateTime(),
  })
  .register(responseComponents, { id: "PayoutMethod" })

export const PayoutMethodAnswer = z.object({
  payout_method: PayoutMethod.nullable().describe("null: none set (paid by hand)"),
  providers: z.array(z.string()).describe("The providers a method may name"),
})

export const PayoutRequest = z
  .object({
    id: z.string(),
    promoter_id: z.string(),
    currency_code: currencyCode(),
    ...bigNumber("amount", { description: "The approved balance when asked; the payout pays the balance when approved" }),
    status: z.enum(["requested", "approved", "rejected"]),
    payout_id: z.string().nullable().describe("The draft payout an approval made"),
    decided_at: nullableDateTime(),
    ...timestamps,
  })
  .register(responseComponents, { id: "PayoutRequest" })

export const STATEMENT_CSV = {
  description: "The statement as CSV: payout_id, paid_at, entry_id, kind, level, earned_at, currency_code, amount; a total line per currency",
  content: { "text/csv": { schema: { type: "string" } } },
  headers: { "Content-Disposition": { description: 'attachment; filename="statement-{year or payout id}.csv"', schema: { type: "string" } } },
} as const

export const CommissionPlan = z
  .object({
    id: z.string(),
    max_depth: z.number().int().describe("Levels of the sponsor tree that earn"),
    compression: z.boolean().describe("Skip inactive sponsors: the next active one up earns the level"),
    hold_days: z.number().int().describe("Days an entry stays pending before it is approved"),
    base: z.enum(["items_after_discounts", "items_after_discounts_with_shipping"]).describe("Always excluding tax"),
    minimum_payout: z.record(z.string(), z.string()).nullable().describe('Minimum approved balance per currency for a payout, e.g. { "usd": "25" }'),
    default_rates_bps: z
      .array(z.number().int())
      .nullable()
      .describe("Rates (basis points per level) for promoters without a tier: while this is empty or null they earn nothing"),
    ...timestamps,
  })
  .register(responseComponents, { id: "CommissionPlan" })

export const Balance = z
  .object({
    promoter_id: z.string(),
    currency_code: currencyCode(),
    pending: decimal(),
    approved: decimal().describe("What the next payout batch pays, if it reaches the minimum"),
    paid: decimal(),
    promoter: PromoterRef.nullable(),
  })
  .describe("A promoter's ledger balance in one currency, by status (rejected entries are left out)")
  .register(responseComponents, { id: "Balance" })

export const TierChange = z
  .object({
    id: z.string(),
    promoter_id: z.string(),
    from_tier_id: z.string().nullable(),
    to_tier_id: z.string().nullable(),
    reason: z.enum(["qualification", "admin", "rule"]),
    period_key: z.string().nullable(),
    figures: z.record(z.string(), z.unknown()).nullable().describe("The figures the change was decided on (volumes, recruits, the rule)"),
    ...timestamps,
  })
  .register(responseComponents, { id: "TierChange" })

/** A ledger entry as its promoter sees it: no order, no buyer. */
export const PromoterEntryView = z
  .object({
    reference: z.string().describe("The entry's id, to quote to the store"),
    kind: z.enum(["commission", "reversal", "bonus"]),
    status: ENTRY_STATUS,
    level: z.number().int().nullable(),
    rate_bps: z.number().int().nullable(),
    amount: z.number(),
    currency_code: currencyCode(),
    created_at: dateTime(),
    hold_until: nullableDateTime(),
    reverses: z.string().nullable(),
    reason: z.enum(["cancel", "return", "refund"]).nullable(),
    note: z.string().nullable(),
    payout_id: z.string().nullable(),
  })
  .register(responseComponents, { id: "PromoterEntryView" })
