import { z } from "@medusajs/framework/zod"
import { nullableDateTime, timestamps } from "./common"
import { PromoterRef } from "./promoter"
import { responseComponents } from "./registry"

export const RiskSignal = z
  .object({
    code: z.enum(["self_purchase", "shared_ip", "shared_address", "coupon_leak", "click_spam", "refund_rate", "new_accounts"]),
    weight: z.number(),
    evidence: z.record(z.string(), z.unknown()).describe("The figures that raised the signal (counts, shares, thresholds; hashed IPs)"),
  })
  .register(responseComponents, { id: "RiskSignal" })

export const RiskAssessment = z
  .object({
    id: z.string(),
    subject_type: z.enum(["order", "promoter"]),
    subject_key: z.string(),
    promoter_id: z.string(),
    order_id: z.string().nullable(),
    score: z.number().describe("The signals' weights added up; at or above the flag score (option risk.thresholds.flagScore) it is flagged"),
    flagged: z.boolean(),
    signals: z.array(RiskSignal),
    review: z.enum(["clear", "pending", "approved", "rejected"]).describe("pending: in the fraud review queue, its commissions held (hold_reason risk)"),
    note: z.string().nullable(),
    decided_at: nullableDateTime(),
    ...timestamps,
  })
  .register(responseComponents, { id: "RiskAssessment" })

export const RiskHeldEntry = z.object({
  id: z.string(),
  order_id: z.string().nullable(),
  promoter_id: z.string(),
  kind: z.enum(["commission", "reversal", "bonus"]),
  level: z.number().int().nullable(),
  amount: z.string(),
  currency_code: z.string(),
  status: z.enum(["pending", "approved", "rejected", "paid"]),
  hold_reason: z.string().nullable(),
  promoter: PromoterRef.nullable(),
})
