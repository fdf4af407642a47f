import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COMPENSATION_MODULE } from "../../../modules/compensation"
import type CompensationModuleService from "../../../modules/compensation/service"
import type { NewEntry } from "../../../modules/compensation/service"

/**
 * Writes ledger entries; those that exist already (same source key) are left alone: redelivery is harmless. Returns
 * all of them (written now or before); undoing deletes only those written now.
 */
export const writeCommissionEntriesStep = createStep(
  "write-commission-entries",
  async (entries: NewEntry[], { container }) => {
    const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
    const written = await compensation.writeEntries(entries)
    return new StepResponse(written, written.filter((w) => w.created).map((w) => w.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).deleteCommissionEntries(ids)
  }
)
