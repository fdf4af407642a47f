/** Where the referral travels on a cart (metadata key), from the store middleware to the attribution workflow. */
export const CART_ATTRIBUTION_KEY = "promoter_attribution"

export type CartAttribution = {
  referral_code?: string
  /**
   * An explicit referral: a code in the cart body or the `x-referral-code` header. Carts written before the cookie
   * stopped being a referral may say "cookie"; those are not explicit, the visitor's touches carry them.
   */
  referral_source?: "body" | "header" | "cookie"
  visitor_id?: string
  at: string
}
