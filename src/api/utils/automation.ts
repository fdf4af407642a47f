import type { MedusaRequest } from "@medusajs/framework/http"
import { AUTOMATION_MODULE } from "../../modules/automation"
import type AutomationModuleService from "../../modules/automation/service"

export function automationService(req: MedusaRequest) {
  return req.scope.resolve<AutomationModuleService>(AUTOMATION_MODULE)
}
