import { Module } from "@medusajs/framework/utils"
import AttributionModuleService from "./service"

export { newTouch, type NewTouch } from "./service"

export const ATTRIBUTION_MODULE = "promoter_attribution"

export default Module(ATTRIBUTION_MODULE, {
  service: AttributionModuleService,
})
