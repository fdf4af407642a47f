import type { MedusaRequest } from "@medusajs/framework/http"
import { COMPENSATION_MODULE } from "../../modules/compensation"
import type CompensationModuleService from "../../modules/compensation/service"

export function compensationService(req: MedusaRequest) {
  return req.scope.resolve<CompensationModuleService>(COMPENSATION_MODULE)
}
