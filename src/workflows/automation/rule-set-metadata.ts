import { updateCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updatePromoterWorkflow } from "../promoter/update-promoter"

export type RuleSetMetadataInput = { subject: { type: "customer" | "promoter"; id: string }; metadata: Record<string, unknown> }

/**
 * A rule's set_tags / set_metadata: a customer's through Medusa's updateCustomersWorkflow (customer.updated is
 * emitted, its hooks run, it undoes itself), a promoter's through update-promoter.
 */
export const ruleSetMetadataWorkflow = createWorkflow("rule-set-metadata", (input: RuleSetMetadataInput) => {
  when("customer-subject", { input }, ({ input }) => input.subject.type === "customer").then(() => {
    updateCustomersWorkflow.runAsStep({
      input: transform({ input }, ({ input }) => ({ selector: { id: input.subject.id }, update: { metadata: input.metadata } })),
    })
  })
  when("promoter-subject", { input }, ({ input }) => input.subject.type === "promoter").then(() => {
    updatePromoterWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ id: input.subject.id, metadata: input.metadata })) })
  })
  return new WorkflowResponse(input.subject)
})
