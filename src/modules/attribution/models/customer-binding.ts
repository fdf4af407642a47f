import { model } from "@medusajs/framework/utils"

/** A customer (by e-mail, and by id when known) stays with the promoter of their first attributed order. */
const CustomerBinding = model
  .define("promoter_customer_binding", {
    id: model.id({ prefix: "pbind" }).primaryKey(),
    email: model.text(),
    customer_id: model.text().nullable(),
    promoter_id: model.text(),
    source: model.enum(["order", "signup"]),
    order_id: model.text().nullable(),
    bound_at: model.dateTime(),
    expires_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["email"], unique: true },
    { on: ["customer_id"] },
    { on: ["promoter_id"] },
  ])

export default CustomerBinding
