import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ATTRIBUTION_MODULE } from "../../modules/attribution"
import type AttributionModuleService from "../../modules/attribution/service"
import { COMPENSATION_MODULE } from "../../modules/compensation"
import type CompensationModuleService from "../../modules/compensation/service"
import type { SettleCause } from "../../modules/compensation/service"
import type { NetBases } from "../../lib/compensation/settlement"
import { gatherOrderSettlementStep, type SettleOrderInput } from "./steps/gather-order-settlement"

type Settlement = ({ order_id: string; cause: SettleCause } & NetBases) | null

/** Reversals that bring the order's entries to what it is worth now; undoing deletes those written now. */
export const settleLedgerStep = createStep(
  "settle-order-ledger",
  async (settlement: Settlement, { container }) => {
    if (!settlement) return new StepResponse([], [])
    const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
    const written = await compensation.settleOrder({ order_id: settlement.order_id, taking: settlement.taking, volume: settlement.volume, cause: settlement.cause })
    return new StepResponse(written, written.filter((w) => w.created).map((w) => w.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await container.resolve<CompensationModuleService>(COMPENSATION_MODULE).deleteCommissionEntries(ids)
  }
)

/** The order's volume for tiers and sales facts; undoing puts back the one it had. */
export const settleVolumeStep = createStep(
  "settle-order-volume",
  async (settlement: Settlement, { container }) => {
    if (!settlement) return new StepResponse(null, null)
    const attribution = container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    const [row] = await attribution.listOrderAttributions({ order_id: settlement.order_id }, { select: ["id", "volume"] })
    if (!row) return new StepResponse(null, null)
    await attribution.setOrderVolume({ order_id: settlement.order_id, volume: settlement.volume, gross_volume: settlement.gross_volume })
    const before = row.volume === null || row.volume === undefined ? null : String(row.volume)
    return new StepResponse(null, before === null ? null : { order_id: settlement.order_id, volume: before, gross_volume: settlement.gross_volume })
  },
  async (previous, { container }) => {
    if (!previous) return
    await container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE).setOrderVolume({ ...previous, restore: true })
  }
)

/**
 * After a cancel, a return, a refund (or their redelivery, in any order): the order's commissions and bonuses and
 * its volume become what the order is worth as it stands now.
 */
export const settleOrderCommissionsWorkflow = createWorkflow("settle-order-commissions", (input: SettleOrderInput) => {
  const settlement = gatherOrderSettlementStep(input)
  const written = settleLedgerStep(settlement)
  settleVolumeStep(settlement)
  return new WorkflowResponse(written)
})
