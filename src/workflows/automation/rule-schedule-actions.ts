import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { AUTOMATION_MODULE } from "../../modules/automation"
import type AutomationModuleService from "../../modules/automation/service"
import type { ScheduledActionInput } from "../../modules/automation/service"

/** Writes the delayed actions at once (unique by key: a redelivery writes none); undone: the ones this run wrote. */
export const scheduleRuleActionsStep = createStep(
  "schedule-rule-actions",
  async (actions: ScheduledActionInput[], { container }) => {
    const created = await container.resolve<AutomationModuleService>(AUTOMATION_MODULE).scheduleActions(actions)
    return new StepResponse(created.length, created)
  },
  async (created, { container }) => {
    if (!created?.length) return
    await container.resolve<AutomationModuleService>(AUTOMATION_MODULE).deleteAutomationScheduledActions(created)
  }
)

/** A rule's delay: its inner actions are stored with their due time; the due-actions job carries them out. */
export const ruleScheduleActionsWorkflow = createWorkflow("rule-schedule-actions", (actions: ScheduledActionInput[]) => {
  return new WorkflowResponse(scheduleRuleActionsStep(actions))
})
