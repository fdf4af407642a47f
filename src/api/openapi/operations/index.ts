import type { Operation } from "../types"
import { adminAutomationOperations } from "./admin-automation"
import { adminCompensationOperations } from "./admin-compensation"
import { adminPromoterOperations } from "./admin-promoters"
import { adminWebhookOperations } from "./admin-webhooks"
import { publicOperations } from "./public"
import { storeOperations } from "./store"

/** Every route the plugin adds, once each: the OpenAPI document is built from this list. */
export const OPERATIONS: Operation[] = [
  ...adminPromoterOperations,
  ...adminAutomationOperations,
  ...adminCompensationOperations,
  ...adminWebhookOperations,
  ...storeOperations,
  ...publicOperations,
]
