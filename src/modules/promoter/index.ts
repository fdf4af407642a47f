import { Module } from "@medusajs/framework/utils"
import checkNotificationChannelsLoader from "./loaders/check-notification-channels"
import validateOptionsLoader from "./loaders/validate-options"
import PromoterModuleService from "./service"

export const PROMOTER_MODULE = "promoter"

export default Module(PROMOTER_MODULE, {
  service: PromoterModuleService,
  loaders: [validateOptionsLoader, checkNotificationChannelsLoader],
})
