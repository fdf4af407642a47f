import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { addDecimal, decimalOf } from "../../../lib/money"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ITEMS_BASE_FIELDS, itemsAfterDiscounts } from "../../../lib/compensation/items-base"
import { netBases, type NetBases } from "../../../lib/compensation/settlement"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import type { SettleCause } from "../../../modules/compensation/service"

export type SettleOrderInput = ({ order_id: string } | { payment_id: string }) & { cause: SettleCause }

type OrderRow = {
  id: string
  status?: string | null
  canceled_at?: string | Date | null
  items?: { subtotal?: number | string | null; discount_subtotal?: number | string | null }[] | null
  payment_collections?: { payments?: { amount?: unknown; refunds?: { amount?: unknown }[] | null }[] | null }[] | null
}


/** The order as it stands now (status, items and what came back of them, payments and refunds) → its net bases. */
export async function readOrderSettlement(container: MedusaContainer, input: SettleOrderInput): Promise<({ order_id: string; cause: SettleCause } & NetBases) | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  let orderId: string | null = "order_id" in input ? input.order_id : null
  if (!orderId && "payment_id" in input) {
    const payment = await container.resolve(Modules.PAYMENT).retrievePayment(input.payment_id, { select: ["id", "payment_collection_id"] })
    const { data: links } = await query.graph({
      entity: "order_payment_collection",
      fields: ["order_id"],
      filters: { payment_collection_id: payment.payment_collection_id },
    })
    orderId = links[0]?.order_id ?? null
  }
  if (!orderId) return null
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id", "status", "canceled_at", ...ITEMS_BASE_FIELDS,
      "payment_collections.payments.amount", "payment_collections.payments.refunds.amount",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as OrderRow | undefined
  if (!order) return null
  const payments = (order.payment_collections ?? []).flatMap((c) => c?.payments ?? [])
  const itemsNow = itemsAfterDiscounts(order)
  // Medusa's item totals leave out units whose return was received; what the order had when placed was recorded
  // with its attribution (rows from before that: taken as now).
  const [attributed] = await container
    .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    .listOrderAttributions({ order_id: orderId }, { select: ["placed_volume"] })
  const bases = netBases(
    {
      canceled: order.status === "canceled" || !!order.canceled_at,
      placed_items_base: attributed?.placed_volume === null || attributed?.placed_volume === undefined ? itemsNow : decimalOf(attributed.placed_volume),
      items_base: itemsNow,
      paid: payments.reduce((sum, p) => addDecimal(sum, decimalOf(p?.amount)), "0"),
      refunded: payments.flatMap((p) => p?.refunds ?? []).reduce((sum, r) => addDecimal(sum, decimalOf(r?.amount)), "0"),
    }
  )
  return { order_id: orderId, cause: input.cause, ...bases }
}

export const gatherOrderSettlementStep = createStep("gather-order-settlement", async (input: SettleOrderInput, { container }) => {
  return new StepResponse(await readOrderSettlement(container, input))
})
