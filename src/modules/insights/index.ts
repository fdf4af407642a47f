import { Module } from "@medusajs/framework/utils"
import InsightsModuleService from "./service"

export const INSIGHTS_MODULE = "promoter_insights"

export default Module(INSIGHTS_MODULE, {
  service: InsightsModuleService,
})
