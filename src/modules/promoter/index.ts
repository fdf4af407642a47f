import { Module } from "@medusajs/framework/utils"
import validateOptionsLoader from "./loaders/validate-options"
import PromoterModuleService from "./service"

export const PROMOTER_MODULE = "promoter"

export default Module(PROMOTER_MODULE, {
  service: PromoterModuleService,
  loaders: [validateOptionsLoader],
})
