import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { AUTOMATION_TRIGGER_EVENTS } from "../../../../lib/events"
import { ACTION_TYPES, DEFAULT_SEASONS, listFacts, listOperators } from "../../../../lib/rules-engine"

/** The registry the builder, the validator and the engine share: facts, operators, actions, seasons. */
export const GET = async (_req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({
    // `params`: the names of the fact's parameters (e.g. window, currency_code), for the builder's fields.
    facts: listFacts().map(({ name, type, subject, description, params }) => ({
      name,
      type,
      subject,
      description,
      params: Object.keys((params as { shape?: Record<string, unknown> }).shape ?? {}),
    })),
    operators: listOperators().map(({ name, description, value }) => ({ name, description, value })),
    actions: ACTION_TYPES,
    events: AUTOMATION_TRIGGER_EVENTS,
    seasons: DEFAULT_SEASONS,
  })
}
