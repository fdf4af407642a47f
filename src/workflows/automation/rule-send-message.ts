import type { CreateNotificationDTO } from "@medusajs/framework/types"
import { sendNotificationsStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"

/** The notification, with the action's key as its idempotency key: the Notification module sends a key once. */
export type RuleSendMessageInput = { notification: CreateNotificationDTO & { idempotency_key: string } }

/** A rule's send_message, through the Notification module (Medusa's own step: a sent message is not taken back). */
export const ruleSendMessageWorkflow = createWorkflow("rule-send-message", (input: RuleSendMessageInput) => {
  const sent = sendNotificationsStep(transform({ input }, ({ input }) => [input.notification]))
  return new WorkflowResponse(transform({ sent }, ({ sent }) => ({ notification_id: sent[0]?.id ?? null })))
})
