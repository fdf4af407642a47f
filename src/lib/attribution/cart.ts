/** Where the referral travels on a cart (metadata key), from the store middleware to the attribution workflow. */
export const CART_ATTRIBUTION_KEY = "promoter_attribution"

export type CartAttribution = {
  referral_code?: string
  referral_source?: "body" | "header" | "cookie"
  visitor_id?: string
  at: string
}
