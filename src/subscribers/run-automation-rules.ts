import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { createHash } from "node:crypto"
import { runActiveRules } from "../workflows/automation/utils/run-rules"
import { subjectsOfEvent } from "../workflows/automation/utils/subjects"
import { AUTOMATION_TRIGGER_EVENTS, PromoterEvents } from "../lib/events"
import { clock } from "../lib/clock"

/** Medusa's and this plugin's events, and events emitted by rules, run the rules that listen to them. */
export default async function runAutomationRules({ event, container }: SubscriberArgs<Record<string, unknown>>) {
  const data = event.data ?? {}
  const name = event.name === PromoterEvents.RULE_EVENT ? String(data.event) : event.name
  const subjects = await subjectsOfEvent(container, name, data)
  // The same event delivered again has the same key, so an every-time rule still fires once for it.
  const eventKey =
    typeof data.key === "string" ? data.key : createHash("sha256").update(`${name}:${JSON.stringify(data)}`).digest("base64url").slice(0, 24)
  await runActiveRules({
    container,
    triggerKey: `event:${name}`,
    subjects,
    event: data,
    eventKey,
    now: clock.now(),
    chainDepth: typeof data.chain_depth === "number" ? data.chain_depth : 0,
  })
}

export const config: SubscriberConfig = {
  event: [...AUTOMATION_TRIGGER_EVENTS, PromoterEvents.RULE_EVENT],
}
