import { Module } from "@medusajs/framework/utils"
import CompensationModuleService from "./service"

export const COMPENSATION_MODULE = "promoter_compensation"

export default Module(COMPENSATION_MODULE, {
  service: CompensationModuleService,
})
