import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { saveAutomationRuleStep, type SaveAutomationRuleInput } from "./steps/save-automation-rule"

export const saveAutomationRuleWorkflow = createWorkflow("save-automation-rule", (input: SaveAutomationRuleInput) => {
  return new WorkflowResponse(saveAutomationRuleStep(input))
})
