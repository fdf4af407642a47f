import { z } from "@medusajs/framework/zod"
import { amount, dateTime, nullableDateTime, timestamps } from "./common"
import { PromoterRefWithStatus } from "./promoter"
import { responseComponents } from "./registry"

/** Medusa's exact form of a bigNumber column, next to its numeric value. */
export const RawNumber = z
  .object({ value: z.string(), precision: z.number().int() })
  .describe("The exact value of the column next to it (`value` is a decimal string)")
  .register(responseComponents, { id: "RawNumber" })

/** A bigNumber column as Medusa answers it: `name` (a number) and `raw_name` (the exact value). */
export function bigNumber<K extends string>(name: K, { nullable = false, description }: { nullable?: boolean; description?: string } = {}) {
  const value = description ? amount().describe(description) : amount()
  const shape: Record<string, z.ZodType> = {
    [name]: nullable ? value.nullable() : value,
    [`raw_${name}`]: nullable ? RawNumber.nullable() : RawNumber,
  }
  return shape
}

export const CHANNEL = z
  .enum(["web", "mobile", "social", "email", "chat", "qr", "in_store"])
  .describe("Where the touch happened (qr: a scan of a promoter's QR code, in_store: a code given at a till)")

export const Touch = z
  .object({
    id: z.string(),
    promoter_id: z.string(),
    link_id: z.string().nullable(),
    code: z.string(),
    channel: CHANNEL,
    source: z.enum(["link", "api", "invitation"]).describe("link: a short link; api: POST /store/referrals/touches; invitation: an invitation e-mail"),
    utm_source: z.string().nullable(),
    utm_medium: z.string().nullable(),
    utm_campaign: z.string().nullable(),
    utm_term: z.string().nullable(),
    utm_content: z.string().nullable(),
    referrer_host: z.string().nullable(),
    device: z.enum(["desktop", "mobile", "tablet", "unknown"]),
    visitor_id: z.string().nullable(),
    customer_id: z.string().nullable(),
    email: z.string().nullable(),
    ip_hash: z.string().nullable().describe("sha256(salt + IP): the raw IP is never stored"),
    is_unique: z.boolean().describe("False for a repeat by the same visitor on the same link within an hour"),
    occurred_at: dateTime(),
    ...timestamps,
  })
  .register(responseComponents, { id: "Touch" })

export const DECIDED_BY = z
  .enum(["coupon", "cart_referral", "customer_binding", "touch", "none", "self_referral_denied"])
  .describe(
    "Which rule credited the order (the first that applies, in the precedence option's order): coupon (a promoter's " +
      "coupon on the order), cart_referral (a referral code stored on the cart), customer_binding (the customer's " +
      "binding to the promoter of their first attributed order), touch (the visitor's, customer's or e-mail's touches " +
      "in the attribution window, by the first/last-touch model); none: no candidate; self_referral_denied: the only " +
      "candidates were the buyer's own promoter account and selfReferral is deny."
  )

export const AttributionCandidate = z
  .object({
    source: z.enum(["coupon", "cart_referral", "customer_binding", "touch"]),
    promoter_id: z.string(),
    code: z.string().nullable().optional().describe("The coupon code or referral code"),
    channel: z.string().describe("The touch's channel, or coupon / referral / binding"),
    touch_id: z.string().optional(),
    occurred_at: dateTime().optional(),
  })
  .describe("A promoter that could have been credited, and by which rule")
  .register(responseComponents, { id: "AttributionCandidate" })

export const OrderAttribution = z
  .object({
    id: z.string(),
    order_id: z.string(),
    promoter_id: z.string().nullable().describe("The credited promoter (null: nobody)"),
    decided_by: DECIDED_BY,
    winning_touch_id: z.string().nullable(),
    channel: z.string().nullable(),
    self_referral: z.boolean().describe("The buyer is the credited promoter (selfReferral: flag)"),
    customer_id: z.string().nullable(),
    email: z.string().nullable(),
    currency_code: z.string(),
    ...bigNumber("order_total"),
    ...bigNumber("volume", { nullable: true, description: "Items after discounts without tax, net of cancels, returns and refunds (the commission base)" }),
    ...bigNumber("placed_volume", { nullable: true, description: "The volume when the order was placed" }),
    ...bigNumber("net_total", { nullable: true, description: "The order total net of what cancels, returns and refunds took back" }),
    candidates: z.array(AttributionCandidate),
    placed_at: dateTime(),
    ...timestamps,
    promoter: PromoterRefWithStatus.nullable(),
    promoters: z.array(PromoterRefWithStatus).describe("Every promoter among the winner and the candidates"),
    touches: z.array(Touch).describe("The candidates' touches"),
  })
  .register(responseComponents, { id: "OrderAttribution" })

export const TouchKey = z
  .object({
    id: z.string(),
    name: z.string(),
    secret_hint: z.string().describe("The secret's first characters, to tell keys apart"),
    revoked_at: nullableDateTime(),
    created_at: dateTime(),
  })
  .register(responseComponents, { id: "TouchKey" })

export const CustomerBinding = z.object({
  id: z.string(),
  email: z.string(),
  customer_id: z.string().nullable(),
  promoter_id: z.string(),
  source: z.enum(["order", "signup"]),
  order_id: z.string().nullable(),
  bound_at: dateTime(),
  expires_at: nullableDateTime(),
  ...timestamps,
})
