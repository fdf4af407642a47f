import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type ReturnedPart =
  | { kind: "return"; order_id: string; return_id: string }
  | { kind: "refund"; payment_id: string }

/**
 * The part of an order's commission base given back: for a return, the returned items' subtotal after discounts;
 * for a refund, the base × refunded / paid. One reversal per return or refund (keyed by its id).
 */
export const returnedBaseStep = createStep("returned-commission-base", async (input: ReturnedPart, { container }) => {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  if (input.kind === "return") {
    const { data: returns } = await query.graph({ entity: "return", fields: ["id", "order_id", "items.item_id", "items.received_quantity", "items.quantity"], filters: { id: input.return_id } })
    const { data: orders } = await query.graph({
      entity: "order",
      fields: ["id", "items.*", "items.detail.quantity", "items.adjustments.amount"],
      filters: { id: input.order_id },
    })
    const ret = returns[0]
    const order = orders[0]
    if (!ret || !order) return new StepResponse([])
    let base = MathBN.convert(0)
    for (const ri of (ret.items ?? []) as { item_id: string; received_quantity?: number | null; quantity: number }[]) {
      type Item = { id: string; quantity?: number; detail?: { quantity: number }; unit_price: number; adjustments?: { amount: number }[] | null }
      const found = ((order.items ?? []) as Item[]).find((i) => i.id === ri.item_id)
      if (!found) continue
      const item = { ...found, quantity: Number(found.quantity ?? found.detail?.quantity ?? 0) }
      if (!item.quantity) continue
      const qty = ri.received_quantity ?? ri.quantity
      // The item's subtotal after its discounts (adjustments), per unit, times the units that came back.
      const discount = (item.adjustments ?? []).reduce((sum, a) => MathBN.add(sum, a.amount), MathBN.convert(0))
      const perUnit = MathBN.div(MathBN.sub(MathBN.mult(item.unit_price, item.quantity), discount), item.quantity)
      base = MathBN.add(base, MathBN.mult(perUnit, qty))
    }
    return new StepResponse([{ order_id: order.id, reason_key: `return:${ret.id}`, returned_base: base.toString() }])
  }
  const payment = await container.resolve(Modules.PAYMENT).retrievePayment(input.payment_id, { relations: ["refunds"] })
  const { data: links } = await query.graph({
    entity: "order_payment_collection",
    fields: ["order_id"],
    filters: { payment_collection_id: payment.payment_collection_id },
  })
  if (!links.length) return new StepResponse([])
  const link = links[0]
  const { data: orders } = await query.graph({ entity: "order", fields: ["id", "item_subtotal", "discount_subtotal"], filters: { id: link.order_id } })
  const order = orders[0]
  const base = MathBN.sub(order.item_subtotal ?? 0, order.discount_subtotal ?? 0)
  return new StepResponse(
    (payment.refunds ?? []).map((r: { id: string; amount: unknown }) => ({
      order_id: order.id,
      reason_key: `refund:${r.id}`,
      // Share of what this payment paid (the order's `total` already nets refunds out).
      returned_base: MathBN.div(MathBN.mult(base, r.amount as number), payment.amount as number).toString(),
    }))
  )
})
