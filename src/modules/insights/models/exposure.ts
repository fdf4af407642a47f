import { model } from "@medusajs/framework/utils"

/**
 * One firing of a rule for one subject, treated or held out: the record later outcomes are joined to. Written before
 * the actions run (one per rule, subject and period, like the firing), completed with what the actions did, and
 * measured by the outcomes job: orders and revenue of the subject in the window after it, coupon redemption and
 * the discount it gave, the bonus paid.
 */
const InsightExposure = model
  .define("promoter_insight_exposure", {
    id: model.id({ prefix: "iexp" }).primaryKey(),
    rule_id: model.text(),
    rule_version: model.number(),
    subject_type: model.enum(["customer", "promoter"]),
    subject_id: model.text(),
    period_key: model.text(),
    /** treated: the actions were taken; holdout: the subject is in the rule's control group, nothing was done. */
    arm: model.enum(["treated", "holdout"]),
    /** The variant of the rule's action with variants that this subject got (null: the rule has none). */
    variant: model.text().nullable(),
    /** The allocation the variant was drawn from: shares, P(best), trials and responses per variant at that time. */
    allocation: model.json().nullable(),
    trigger_key: model.text(),
    /** The order whose event triggered the rule: not counted as a response to it. */
    trigger_order_id: model.text().nullable(),
    exposed_at: model.dateTime(),
    window_ends_at: model.dateTime(),
    /** What each action did: type, status, promotion id and code, notification id, bonus amount. */
    actions: model.json().nullable(),
    promotion_ids: model.array().nullable(),
    /** The values the rule's conditions saw (fact, params, operator, expected, actual): evidence for threshold advice. */
    condition_values: model.json().nullable(),
    currency_code: model.text(),
    bonus_amount: model.bigNumber().default(0),
    orders_count: model.number().default(0),
    revenue: model.bigNumber().default(0),
    discount_amount: model.bigNumber().default(0),
    responded_at: model.dateTime().nullable(),
    redeemed_at: model.dateTime().nullable(),
    measured_at: model.dateTime().nullable(),
    /** The window has closed and was measured after it closed: the numbers no longer change. */
    final: model.boolean().default(false),
  })
  .indexes([
    { on: ["rule_id", "subject_id", "period_key"], unique: true },
    { on: ["rule_id", "exposed_at"] },
    { on: ["subject_id", "final"] },
  ])

export default InsightExposure
