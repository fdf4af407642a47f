import { addDecimal, decimalOf, subtractDecimal } from "../money"

/**
 * The order fields `itemsAfterDiscounts` reads (for `query.graph`). `item_subtotal` is asked for although it is not
 * read: Medusa's order module computes totals, items' included, only when a top-level total field is selected.
 */
export const ITEMS_BASE_FIELDS = ["item_subtotal", "items.id", "items.subtotal", "items.discount_subtotal"] as const

type Amount = number | string | { toString(): string } | null | undefined

/**
 * An order's items after their own discounts, without tax: Σ items (subtotal − discount_subtotal). Not the order's
 * `item_subtotal − discount_subtotal`: Medusa's order `discount_subtotal` includes the shipping's discounts, so a
 * free-shipping promotion would lower the items' base. Medusa computes each item on its current quantity (units
 * whose return was received are left out), so this is also what is left of the items after returns.
 */
export function itemsAfterDiscounts(order: { items?: Line[] | null }): string {
  return netOfLines(order.items)
}

/** The fields `shippingAfterDiscounts` reads. */
export const SHIPPING_BASE_FIELDS = ["shipping_subtotal", "shipping_methods.id", "shipping_methods.subtotal", "shipping_methods.discount_subtotal"] as const

/** What the shopper was charged for shipping, without tax: Σ shipping methods (subtotal − discount_subtotal). */
export function shippingAfterDiscounts(order: { shipping_methods?: Line[] | null }): string {
  return netOfLines(order.shipping_methods)
}

type Line = { subtotal?: Amount; discount_subtotal?: Amount } | null

function netOfLines(lines: Line[] | null | undefined): string {
  let sum = "0"
  for (const item of lines ?? []) {
    if (!item) continue
    sum = addDecimal(sum, subtractDecimal(decimalOf(item.subtotal), decimalOf(item.discount_subtotal)))
  }
  return sum
}
