import { model } from "@medusajs/framework/utils"
import Promoter from "./promoter"

/** A rank in the programme. Commission rates are basis points per level (index 0 = level 1). */
const Tier = model
  .define("promoter_tier", {
    id: model.id({ prefix: "ptier" }).primaryKey(),
    name: model.text().searchable(),
    rank: model.number(),
    commission_rates_bps: model.json(),
    qualification: model.json().nullable(),
    metadata: model.json().nullable(),
    promoters: model.hasMany(() => Promoter, { mappedBy: "tier" }),
  })
  .indexes([
    { on: ["name"], unique: true },
    { on: ["rank"], unique: true },
  ])

export default Tier
