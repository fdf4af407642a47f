import fc from "fast-check"
import { commissionAmount } from "../commissions"
import { netBases, netOf, type OrderFigures } from "../settlement"

// Two $120 items, $10 shipping, $250 paid. Medusa's own item totals leave out the units whose return was received.
const two = (returned = 0): OrderFigures => ({
  canceled: false,
  placed_items_base: "240",
  items_base: String(240 - 120 * returned),
  paid: "250",
  refunded: "0",
})

describe("netBases", () => {
  it.each([
    ["as placed", two(), { volume: "240", commission_base: "240" }],
    ["one of two items returned", two(1), { volume: "120", commission_base: "120" }],
    // The refund of the returned item (its $120 of $250 paid, shipping kept): the same taking-back, not a second one.
    ["returned and refunded", { ...two(1), refunded: "120" }, { volume: "120", commission_base: "120" }],
    ["refunded, not yet returned: 48 % of the base", { ...two(), refunded: "120" }, { volume: "124.8", commission_base: "124.8" }],
    ["a goodwill refund of 25 of 250 paid", { ...two(), refunded: "25" }, { volume: "216", commission_base: "216" }],
    ["refunded in full", { ...two(), refunded: "250" }, { volume: "0", commission_base: "0" }],
    ["everything returned", two(2), { volume: "0", commission_base: "0" }],
    ["canceled", { ...two(), canceled: true }, { volume: "0", commission_base: "0" }],
  ])("%s", (_name, order, expected) => {
    const { volume, taking } = netBases(order)
    // The items' base as placed ($240) is what an items-only plan paid on: what is left of it is the volume.
    expect({ volume, commission_base: netOf("240", taking) }).toEqual(expected)
  })

  it("on a base that counted shipping ($250), a full return leaves the shipping that was not refunded", () => {
    expect(netOf("250", netBases(two(2)).taking)).toBe("10")
    expect(netOf("250", netBases({ ...two(2), refunded: "250" }).taking)).toBe("0")
    // Half of what was paid refunded: half of either base.
    expect(netOf("250", netBases({ ...two(), refunded: "125" }).taking)).toBe("125")
    expect(netOf("240", netBases({ ...two(), refunded: "125" }).taking)).toBe("120")
  })

  // Whatever happens to an order, in whatever order: the commission is rate × what is left, between 0 and as placed,
  // and it only depends on the order's state.
  it("never goes below zero or above the base as placed, and a return with its refund counts once", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 50000 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 100 }),
        fc.boolean(),
        (quantity, cents, back, refundPct, canceled) => {
          const units = Math.min(back, quantity)
          const placed = (quantity * cents) / 100
          const figures: OrderFigures = {
            canceled,
            placed_items_base: placed.toFixed(2),
            items_base: (((quantity - units) * cents) / 100).toFixed(2),
            paid: placed.toFixed(2),
            refunded: ((placed * refundPct) / 100).toFixed(2),
          }
          const base = (f: OrderFigures) => netOf(f.placed_items_base, netBases(f).taking)
          const amount = Number(commissionAmount({ base: base(figures), rateBps: 1000, currency: "usd" }))
          expect(amount).toBeGreaterThanOrEqual(0)
          expect(amount).toBeLessThanOrEqual(Number(commissionAmount({ base: figures.placed_items_base, rateBps: 1000, currency: "usd" })))
          if (canceled) expect(base(figures)).toBe("0")
          // The refund of exactly the returned units takes nothing more.
          if (!canceled) expect(base({ ...figures, refunded: ((units * cents) / 100).toFixed(2) })).toBe(base({ ...figures, refunded: "0" }))
        }
      )
    )
  })
})
