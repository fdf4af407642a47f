import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { PROMOTER_MODULE } from "../../../../../modules/promoter"
import type PromoterModuleService from "../../../../../modules/promoter/service"
import { automationService } from "../../../../utils/automation"
import { attributionService } from "../../../../utils/visitor"

/**
 * A customer's side of the program (the customer-details widget): the promoter the customer is bound to, whether
 * the customer is a promoter, and the automation rules that fired for them (newest first, with their actions).
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "customer", fields: ["id", "email", "promoter.id", "promoter.name", "promoter.referral_code", "promoter.status"], filters: { id: req.params.id } })
  const customer = data[0]
  if (!customer) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Customer ${req.params.id} was not found`)
  const attribution = attributionService(req)
  const promoters = req.scope.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const automation = automationService(req)
  const [byId, byEmail, runs] = await Promise.all([
    attribution.listCustomerBindings({ customer_id: customer.id }, { take: 1 }),
    customer.email ? attribution.listCustomerBindings({ email: customer.email.toLowerCase() }, { take: 1 }) : [],
    automation.listAutomationRuns(
      { subject_type: "customer", subject_id: customer.id, fired: true, dry_run: false },
      { take: 20, order: { evaluated_at: "DESC" }, select: ["id", "rule_id", "rule_version", "actions", "trigger", "evaluated_at"] }
    ),
  ])
  const binding = byId[0] ?? byEmail[0] ?? null
  const boundTo = binding
    ? (await promoters.listPromoters({ id: binding.promoter_id }, { select: ["id", "name", "referral_code", "status"] }))[0] ?? null
    : null
  const ruleIds = [...new Set(runs.map((r) => r.rule_id))]
  const rules = ruleIds.length ? await automation.listAutomationRules({ id: ruleIds }, { select: ["id", "name", "status"] }) : []
  const ruleById = new Map(rules.map((r) => [r.id, r]))
  res.json({
    customer_id: customer.id,
    binding: binding ? { ...binding, promoter: boundTo } : null,
    promoter: (customer as { promoter?: unknown }).promoter ?? null,
    rules_fired: runs.map((r) => ({ ...r, rule: ruleById.get(r.rule_id) ?? null })),
  })
}
