import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ACTION_TYPES, DEFAULT_SEASONS, listFacts, listOperators } from "../../../../lib/rules-engine"

/** The registry the builder, the validator and the engine share: facts, operators, actions, seasons. */
export const GET = async (_req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({
    facts: listFacts().map(({ name, type, subject, description }) => ({ name, type, subject, description })),
    operators: listOperators().map(({ name, description, value }) => ({ name, description, value })),
    actions: ACTION_TYPES,
    seasons: DEFAULT_SEASONS,
  })
}
