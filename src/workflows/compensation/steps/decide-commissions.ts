import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMPENSATION_MODULE } from "../../../modules/compensation"
import type CompensationModuleService from "../../../modules/compensation/service"
import type { DecidedEntry } from "../../../modules/compensation/service"

const service = (container: { resolve<T>(key: string): T }) => container.resolve<CompensationModuleService>(COMPENSATION_MODULE)

/** The decisions taken back if a later step fails: pending again, with the hold reason each had. */
async function reopen(decided: DecidedEntry[] | undefined, { container }: { container: { resolve<T>(key: string): T } }) {
  if (decided?.length) await service(container).reopenEntries(decided)
}

export type DecideCommissionInput = { id: string; status: "approved" | "rejected" }

/** An admin's (or a bonus review's) decision on a pending entry and its pending reversals. */
export const decideCommissionStep = createStep(
  "decide-promoter-commission",
  async (input: DecideCommissionInput, { container }) => {
    const compensation = service(container)
    const entry = await compensation.retrieveCommissionEntry(input.id)
    const decided = await compensation.decideEntry({ id: entry.id, status: input.status })
    if (!decided) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Only pending entries can be ${input.status}; this one is ${entry.status}`)
    }
    return new StepResponse(decided, decided)
  },
  reopen
)

/** Pending entries whose hold has passed become approved. */
export const approveDueCommissionsStep = createStep(
  "approve-due-promoter-commissions",
  async (input: { now: Date }, { container }) => {
    const approved = await service(container).approveDue({ now: input.now })
    return new StepResponse(approved, approved)
  },
  reopen
)
