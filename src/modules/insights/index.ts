import { Module } from "@medusajs/framework/utils"
import InsightsModuleService from "./service"

export const INSIGHTS_MODULE = "insights"

export default Module(INSIGHTS_MODULE, {
  service: InsightsModuleService,
})
