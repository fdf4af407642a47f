import { model } from "@medusajs/framework/utils"

/** One per order: who got the credit, by which rule, and every candidate that was considered. */
const OrderAttribution = model
  .define("promoter_order_attribution", {
    id: model.id({ prefix: "oattr" }).primaryKey(),
    order_id: model.text(),
    promoter_id: model.text().nullable(),
    decided_by: model.enum(["coupon", "cart_referral", "customer_binding", "touch", "none", "self_referral_denied"]),
    winning_touch_id: model.text().nullable(),
    channel: model.text().nullable(),
    self_referral: model.boolean().default(false),
    customer_id: model.text().nullable(),
    email: model.text().nullable(),
    currency_code: model.text(),
    order_total: model.bigNumber(),
    /**
     * The order's volume now: items after discounts, without tax, less what cancels, returns and refunds took back
     * (the commissions' base). Tier qualification and sales facts count it. Null on rows from before it existed.
     */
    volume: model.bigNumber().nullable(),
    /** The volume when the order was placed (what settlements take back from). */
    placed_volume: model.bigNumber().nullable(),
    /** The order total less the same share taken back (sales facts count it). Null on rows from before it existed. */
    net_total: model.bigNumber().nullable(),
    candidates: model.json(),
    placed_at: model.dateTime(),
  })
  .indexes([
    { on: ["order_id"], unique: true },
    { on: ["promoter_id", "placed_at"] },
  ])

export default OrderAttribution
