import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { PromoterEvents } from "../../lib/events"
import { decimalOf } from "../../lib/money"
import { ATTRIBUTION_MODULE } from "../../modules/attribution"
import type AttributionModuleService from "../../modules/attribution/service"
import { COMPENSATION_MODULE } from "../../modules/compensation"
import type CompensationModuleService from "../../modules/compensation/service"
import type { SettleCause, WrittenEntry } from "../../modules/compensation/service"
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
 * The reversals written by this run as promoter.commission_reversed payloads (the fields of commission_approved and
 * the entry reversed). A redelivery that wrote none announces none.
 */
export const reversalEventsStep = createStep("settle-order-reversal-events", async (written: WrittenEntry[], { container }) => {
  const ids = written.filter((w) => w.created && w.kind === "reversal").map((w) => w.id)
  if (!ids.length) return new StepResponse([])
  const entries = await container
    .resolve<CompensationModuleService>(COMPENSATION_MODULE)
    .listCommissionEntries({ id: ids }, { select: ["id", "kind", "promoter_id", "order_id", "amount", "currency_code", "reverses_entry_id"] })
  return new StepResponse(
    entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      promoter_id: e.promoter_id,
      order_id: e.order_id,
      amount: decimalOf(e.amount),
      currency_code: e.currency_code,
      reverses_entry_id: e.reverses_entry_id,
    }))
  )
})

/**
 * After a cancel, a return, a refund (or their redelivery, in any order): the order's commissions and bonuses and
 * its volume become what the order is worth as it stands now.
 */
export const settleOrderCommissionsWorkflow = createWorkflow("settle-order-commissions", (input: SettleOrderInput) => {
  const settlement = gatherOrderSettlementStep(input)
  const written = settleLedgerStep(settlement)
  settleVolumeStep(settlement)
  emitEventStep({ eventName: PromoterEvents.COMMISSION_REVERSED, data: reversalEventsStep(written) }).config({ name: "emit-commission-reversed" })
  return new WorkflowResponse(written)
})
