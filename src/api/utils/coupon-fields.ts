/** What a coupon looks like in API responses (read through the promoter ↔ promotion link). */
export const COUPON_FIELDS = [
  "promotions.id",
  "promotions.code",
  "promotions.status",
  "promotions.metadata",
  "promotions.created_at",
  "promotions.application_method.type",
  "promotions.application_method.target_type",
  "promotions.application_method.value",
  "promotions.application_method.currency_code",
  "promotions.campaign.starts_at",
  "promotions.campaign.ends_at",
  "promotions.campaign.budget.limit",
  "promotions.campaign.budget.used",
]
