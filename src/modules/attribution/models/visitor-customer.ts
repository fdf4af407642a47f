import { model } from "@medusajs/framework/utils"

/** A visitor id (device cookie) seen with a logged-in customer: carries touches across devices. */
const VisitorCustomer = model
  .define("promoter_visitor_customer", {
    id: model.id({ prefix: "pvc" }).primaryKey(),
    visitor_id: model.text(),
    customer_id: model.text(),
  })
  .indexes([
    { on: ["visitor_id", "customer_id"], unique: true },
    { on: ["customer_id"] },
  ])

export default VisitorCustomer
