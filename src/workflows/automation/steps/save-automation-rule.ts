import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { findEventCycle, triggerKeyOf, validateRule, type Rule } from "../../../lib/rules-engine"
import { AUTOMATION_MODULE } from "../../../modules/automation"
import type AutomationModuleService from "../../../modules/automation/service"
import { toJsonColumn } from "../../../lib/casts"

export type SaveAutomationRuleInput = {
  id?: string
  definition?: unknown
  status?: "draft" | "active" | "paused"
}

/** Parses a rule definition; a bad one is a 400 naming the JSON path of every bad field. */
export function parseDefinition(definition: unknown): Rule {
  const checked = validateRule(definition)
  if (!checked.ok) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid rule: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`
    )
  }
  return checked.rule
}

type RuleRow = Awaited<ReturnType<AutomationModuleService["retrieveAutomationRule"]>>
type Undo = { created: string | null; previous: RuleRow | null }

/** Creates or updates a rule: validated, checked for event loops with the other rules, versioned. */
export const saveAutomationRuleStep = createStep(
  "save-automation-rule",
  async (input: SaveAutomationRuleInput, { container }) => {
    const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
    const previous = input.id ? await automation.retrieveAutomationRule(input.id) : null
    if (!previous && input.definition === undefined) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "definition is required")
    }
    const rule = parseDefinition(input.definition ?? previous!.definition)
    const others = await automation.listAutomationRules({ status: ["active", "draft", "paused"] }, { take: 100000 })
    const graph = others
      .filter((o) => o.id !== input.id)
      .map((o) => ({ id: o.id, check: validateRule(o.definition) }))
      .filter((o): o is { id: string; check: { ok: true; rule: Rule } } => o.check.ok)
      .map((o) => ({ id: o.id, rule: o.check.rule }))
    const cycle = findEventCycle([...graph, { id: input.id ?? "(this rule)", rule }])
    if (cycle) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid rule: actions: the rules would trigger each other in a loop (${cycle.join(" → ")})`)
    }
    const data = {
      name: rule.name,
      definition: toJsonColumn(rule),
      trigger_key: triggerKeyOf(rule),
      subject: rule.subject,
      ...(input.status ? { status: input.status } : {}),
    }
    if (previous) {
      const changed = input.definition !== undefined
      const updated = await automation.updateAutomationRules({ id: previous.id, ...data, version: previous.version + (changed ? 1 : 0) })
      return new StepResponse<RuleRow, Undo>(updated, { created: null, previous })
    }
    const created = await automation.createAutomationRules({ ...data, status: input.status ?? "draft" })
    return new StepResponse<RuleRow, Undo>(created, { created: created.id, previous: null })
  },
  async (undo: Undo | undefined, { container }) => {
    if (!undo) return
    const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
    if (undo.created) await automation.deleteAutomationRules(undo.created)
    if (undo.previous) {
      const { id, name, definition, trigger_key, subject, status, version } = undo.previous
      await automation.updateAutomationRules({ id, name, definition, trigger_key, subject, status, version })
    }
  }
)
