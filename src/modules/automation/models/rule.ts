import { model } from "@medusajs/framework/utils"

/** An automation rule: its JSON definition (validated on write and on read), status and version. */
const AutomationRule = model
  .define("promoter_automation_rule", {
    id: model.id({ prefix: "arule" }).primaryKey(),
    name: model.text().searchable(),
    status: model.enum(["draft", "active", "paused"]).default("draft"),
    definition: model.json(),
    version: model.number().default(1),
    trigger_key: model.text(),
    subject: model.enum(["customer", "promoter"]),
  })
  .indexes([{ on: ["status", "trigger_key"] }])

export default AutomationRule
