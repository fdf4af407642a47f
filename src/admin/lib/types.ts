import type { z } from "@medusajs/framework/zod"
import type { Coupon as CouponSchema, PromoterStats as PromoterStatsSchema } from "../../api/openapi/schemas/promoter"

// Shared by the admin and the promoter portal (src/portal). Where the OpenAPI document has a schema (the one the HTTP
// tests check every response against), the type is that schema's; the rest are written out here.

export type Money = { currency_code: string; amount: string }

export type Tier = { id: string; name: string; rank: number; commission_rates_bps: number[] }
export type Share = { short_link: string; qr_png: string; qr_svg: string }
export type PromoterLink = { id: string; slug: string; name: string; destination_path: string } & Share
export type Income = { currency_code: string; pending: string; approved: string; paid: string }
export type PromoterRow = {
  id: string
  name: string
  email: string
  status: "pending" | "active" | "suspended" | "terminated"
  referral_code: string
  sponsor_id: string | null
  tier: Tier | null
  created_at: string
  share: Share
  sponsor?: { id: string; name: string; referral_code: string } | null
  totals?: { clicks: number; conversions: number; revenue: Money[] }
  income?: Income[]
}
export type PromoterDetail = PromoterRow & {
  links: PromoterLink[]
  customer?: { id: string; email: string } | null
  promotions?: { id: string; code: string; status: string }[]
  metadata?: Record<string, unknown> | null
}
export type Entry = {
  id: string
  kind: "commission" | "reversal" | "bonus"
  status: "pending" | "approved" | "rejected" | "paid"
  promoter_id: string
  order_id: string | null
  level: number | null
  rate_bps: number | null
  base: number | string | null
  amount: number | string
  currency_code: string
  payout_id: string | null
  hold_until: string | null
  /** Held for an admin's decision instead of approved by time, e.g. "self_referral". */
  hold_reason?: string | null
  note: string | null
  created_at: string
  promoter?: { id: string; name: string; referral_code: string } | null
}
export type PayoutLine = {
  promoter_id: string
  amount: string
  status?: "draft" | "sending" | "pending" | "paid" | "failed"
  reference?: string | null
  error?: string | null
  promoter?: { name: string } | null
}
export type Payout = {
  id: string
  currency_code: string
  provider_id: string
  status: "draft" | "processing" | "paid" | "partially_failed" | "failed"
  total: number | string
  lines: { list?: PayoutLine[]; failed?: PayoutLine[] }
  paid_at: string | null
  reference: string | null
  error: string | null
  created_at: string
}

export const STATUS_COLOR = {
  active: "green",
  pending: "orange",
  suspended: "red",
  terminated: "grey",
  approved: "green",
  rejected: "red",
  paid: "blue",
  open: "orange",
  draft: "grey",
  processing: "orange",
  partially_failed: "red",
  failed: "red",
  paused: "orange",
} as const

/** A promoter's dashboard numbers (GET /admin/promoters/:id/stats, GET /store/promoters/me/stats). */
export type Stats = z.infer<typeof PromoterStatsSchema>
/** A promoter's coupon: a core promotion limited by its campaign (the promoter's coupon routes). */
export type Coupon = z.infer<typeof CouponSchema>
