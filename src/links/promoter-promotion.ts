import { defineLink } from "@medusajs/framework/utils"
import PromotionModule from "@medusajs/medusa/promotion"
import PromoterModule from "../modules/promoter"

/** A promoter's coupon codes are real Medusa promotions. */
export default defineLink(PromoterModule.linkable.promoter, {
  linkable: PromotionModule.linkable.promotion,
  isList: true,
})
