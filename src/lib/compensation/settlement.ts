// What an order is worth to the programme as it stands now: its volume and commission base after cancels, returns
// and refunds. Pure: the workflow reads the order, this computes. Every reversal is derived from these figures, so
// the ledger of an order depends on the order's state only, never on how many events told of it or in which order.
import { compareDecimal, maxDecimal, mulDivDecimal, subtractDecimal } from "../money"

/** Digits kept for bases in between (money is rounded once, when an amount is computed from a base). */
const EXACT = 12

export type OrderFigures = {
  canceled: boolean
  /** Items after discounts, without tax, when the order was placed (recorded with its attribution). */
  placed_items_base: string
  /**
   * Items after discounts, without tax, now (lib/compensation/items-base): Medusa computes items on their current quantity, leaving out the
   * units whose return was received.
   */
  items_base: string
  /** What the customer's payments captured, and what was refunded of them. */
  paid: string
  refunded: string
}

/** What the order has taken back so far, in a form that applies to any base it was paid on. */
export type TakingBack = {
  canceled: boolean
  /** The value of the items that came back (as placed, after discounts). */
  returned: string
  refunded: string
  paid: string
}

export type NetBases = {
  /** Items after discounts, as placed. */
  gross_volume: string
  /** Items after discounts, less what was taken back: the volume that qualifies tiers and sales facts. */
  volume: string
  taking: TakingBack
}

const clampZero = (v: string) => (compareDecimal(v, "0") < 0 ? "0" : v)
const share = (base: string, numerator: string, denominator: string) =>
  compareDecimal(denominator, "0") > 0 && compareDecimal(numerator, "0") > 0
    ? mulDivDecimal({ a: base, b: compareDecimal(numerator, denominator) > 0 ? denominator : numerator, c: denominator, digits: EXACT })
    : "0"

export function takingBack(order: OrderFigures): TakingBack {
  return {
    canceled: order.canceled,
    returned: clampZero(subtractDecimal(clampZero(order.placed_items_base), clampZero(order.items_base))),
    refunded: order.refunded,
    paid: order.paid,
  }
}

/**
 * What is left of a base the order was paid on — its items, or its items and shipping, as the plan counted them when
 * the commission was written (the entry's own `base`), so a later plan change or a return's shipping moves nothing.
 * A return and the refund that pays it back are one taking-back, not two: what was taken back is the larger of the
 * returned items' value and the refunded share of the base (refunded / paid), never their sum. A refund without a
 * return (a goodwill credit) takes back its share alone; a cancel takes back everything.
 */
export function netOf(base: string, taking: TakingBack): string {
  if (taking.canceled) return "0"
  const placed = clampZero(base)
  return clampZero(subtractDecimal(placed, maxDecimal(taking.returned, share(placed, taking.refunded, taking.paid))))
}

export function netBases(order: OrderFigures): NetBases {
  const gross = clampZero(order.placed_items_base)
  const taking = takingBack(order)
  return { gross_volume: gross, volume: netOf(gross, taking), taking }
}
