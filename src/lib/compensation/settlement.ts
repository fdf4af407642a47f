// What an order is worth to the programme as it stands now: its volume and commission base after cancels, returns
// and refunds. Pure: the workflow reads the order, this computes. Every reversal is derived from these figures, so
// the ledger of an order depends on the order's state only, never on how many events told of it or in which order.
import { addDecimal, compareDecimal, maxDecimal, mulDivDecimal, subtractDecimal } from "../rules-engine/decimal"

/** Digits kept for bases in between (money is rounded once, when an amount is computed from a base). */
const EXACT = 12

export type OrderFigures = {
  canceled: boolean
  /** Items after discounts, without tax, when the order was placed (recorded with its attribution). */
  placed_items_base: string
  /**
   * Items after discounts, without tax, now: Medusa's own totals (item_subtotal − discount_subtotal) leave out the
   * units whose return was received.
   */
  items_base: string
  /** Shipping (as the commission counted it when the order was placed). */
  shipping: string
  /** What the customer's payments captured, and what was refunded of them. */
  paid: string
  refunded: string
}

export type NetBases = {
  /** Items after discounts, as placed. */
  gross_volume: string
  /** Items after discounts, less what was taken back: the volume that qualifies tiers and sales facts. */
  volume: string
  /** The plan's base (items after discounts, with shipping when the plan says so), less what was taken back. */
  commission_base: string
}

const clampZero = (v: string) => (compareDecimal(v, "0") < 0 ? "0" : v)
const share = (base: string, numerator: string, denominator: string) =>
  compareDecimal(denominator, "0") > 0 && compareDecimal(numerator, "0") > 0
    ? mulDivDecimal({ a: base, b: compareDecimal(numerator, denominator) > 0 ? denominator : numerator, c: denominator, digits: EXACT })
    : "0"

/**
 * A return and the refund that pays it back are one taking-back, not two: what was taken back is the larger of the
 * returned items' value and the refunded share of the base (refunded / paid), never their sum. A refund without a
 * return (a goodwill credit) takes back its share alone; a cancel takes back everything.
 */
export function netBases(order: OrderFigures, { withShipping }: { withShipping: boolean }): NetBases {
  const gross = clampZero(order.placed_items_base)
  const planBase = withShipping ? addDecimal(gross, order.shipping) : gross
  if (order.canceled) return { gross_volume: gross, volume: "0", commission_base: "0" }
  const returned = clampZero(subtractDecimal(gross, clampZero(order.items_base)))
  const taken = (base: string) => maxDecimal(returned, share(base, order.refunded, order.paid))
  return {
    gross_volume: gross,
    volume: clampZero(subtractDecimal(gross, taken(gross))),
    commission_base: clampZero(subtractDecimal(planBase, taken(planBase))),
  }
}
