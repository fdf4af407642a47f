import { model } from "@medusajs/framework/utils"
import Promoter from "./promoter"

/** A named short link: /r/:code/:slug → a path on the storefront. */
const PromoterLink = model
  .define("promoter_link", {
    id: model.id({ prefix: "plink" }).primaryKey(),
    slug: model.text(),
    name: model.text(),
    destination_path: model.text(),
    metadata: model.json().nullable(),
    promoter: model.belongsTo(() => Promoter, { mappedBy: "links" }),
  })
  .indexes([{ on: ["promoter_id", "slug"], unique: true }])

export default PromoterLink
