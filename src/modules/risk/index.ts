import { Module } from "@medusajs/framework/utils"
import RiskModuleService from "./service"

export const RISK_MODULE = "promoter_risk"

export default Module(RISK_MODULE, {
  service: RiskModuleService,
})
