import { Module } from "@medusajs/framework/utils"
import registerFactsLoader from "./loaders/register-facts"
import AutomationModuleService from "./service"

export const AUTOMATION_MODULE = "promoter_automation"

export default Module(AUTOMATION_MODULE, {
  service: AutomationModuleService,
  loaders: [registerFactsLoader],
})
