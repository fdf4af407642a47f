// The ledger model again, this time through the real store end to end: fast-check draws a sponsor tree, two tiers
// with random rates, and a history of real checkouts (Medusa's store API, a referral code in the cart), partial and
// full returns (Medusa's return flow), refunds before and after returns (Medusa's payment refund), a return confirmed
// while its refund is sent, cancels, and every event delivered again twice at once. After every step the database is
// compared with a reference model written here, in integer cents and exact fractions, independently of the plugin:
// - per (order, promoter, level): net = the earner's tier rate × the order's net base, rounded once (half up), where
//   the net base is the items' value less the larger of what came back and the refunded share (refund ÷ paid) of it,
//   and nothing after a cancel;
// - the order's volume is that net base, and each promoter's personal and group volumes (what tier qualification
//   reads) are the sums of it over their own and their downline's orders.
// Kettle $120 a unit, shipping $10, no tax (US region of the demo fixture). LEDGER_STORE_RUNS=10 for a longer search.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import fc from "fast-check"
import path from "node:path"
import { placeOrder } from "../helpers/checkout"
import { eventually } from "../helpers/http"
import { adminSession, storeSession, type Headers } from "../helpers/session"
import type { StoreFixture } from "../../demo/fixtures/store"
import { tierFigures } from "../../src/workflows/compensation/utils/qualify-tiers"

jest.setTimeout(900 * 1000)

const RUNS = Number(process.env.LEDGER_STORE_RUNS ?? 3)
const UNIT = 12000n // cents
const SHIPPING = 1000n

type Promoter = { id: string; code: string; sponsor: number | null; tier: number }
type Order = {
  id: string
  promoter: number
  quantity: number
  returned: number
  refunded: bigint // cents
  canceled: boolean
  captured: string | null // payment id once captured
  fulfilled: boolean
}
type Command =
  | { type: "order"; promoter: number; quantity: number }
  | { type: "return"; order: number; quantity: number; refund: boolean }
  | { type: "refund"; order: number; dollars: number }
  | { type: "cancel"; order: number }

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant("order" as const), promoter: fc.nat({ max: 3 }), quantity: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("return" as const), order: fc.nat(), quantity: fc.integer({ min: 1, max: 3 }), refund: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant("refund" as const), order: fc.nat(), dollars: fc.integer({ min: 1, max: 370 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("cancel" as const), order: fc.nat() }) }
)
const world = fc.record({
  // Promoter i's sponsor is one of 0..i-1, or none.
  sponsors: fc.tuple(fc.constant(null), ...[1, 2, 3].map((i) => fc.option(fc.nat({ max: i - 1 }), { nil: null }))),
  tiers: fc.array(fc.array(fc.integer({ min: 0, max: 2500 }), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 2 }),
  tierOf: fc.array(fc.nat({ max: 1 }), { minLength: 4, maxLength: 4 }),
  commands: fc.array(command, { minLength: 2, maxLength: 7 }),
})

/** The model's net base of an order, as a fraction of cents: [numerator, denominator]. */
function netBase(o: Order): [bigint, bigint] {
  if (o.canceled) return [0n, 1n]
  const items = UNIT * BigInt(o.quantity)
  const paid = items + SHIPPING
  const returned = UNIT * BigInt(o.returned)
  // taken = max(returned, refunded × items ÷ paid), over the common denominator `paid`.
  const takenScaled = returned * paid > o.refunded * items ? returned * paid : o.refunded * items
  const num = items * paid - takenScaled
  return [num < 0n ? 0n : num, paid]
}
/** rate × base, to whole cents, half up (bases are never negative). */
function commissionCents([num, den]: [bigint, bigint], rateBps: number): bigint {
  const scaledNum = num * BigInt(rateBps)
  const scaledDen = den * 10000n
  const q = scaledNum / scaledDen
  return (scaledNum % scaledDen) * 2n >= scaledDen ? q + 1n : q
}
const cents = (amount: string | number) => BigInt(Math.round(Number(amount) * 100))
const dollars = (c: bigint) => (Number(c) / 100).toFixed(2)

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    it(`${RUNS} random trees, tiers and order histories through the store keep every commission and volume exact`, async () => {
      const admin: Headers = await adminSession(api, getContainer())
      const store: StoreFixture & Headers = await storeSession(getContainer())
      await api.post("/admin/commission-plan", { max_depth: 3, compression: false }, admin)
      const kettle = store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId
      const bus = getContainer().resolve(Modules.EVENT_BUS)
      let run = 0

      await fc.assert(
        fc.asyncProperty(world, async ({ sponsors, tiers, tierOf, commands }) => {
          run += 1
          const tierIds: string[] = []
          for (const [i, rates] of tiers.entries()) {
            tierIds.push((await api.post("/admin/promoter-tiers", { name: `T${run}-${i}`, rank: run * 10 + i, commission_rates_bps: rates }, admin)).data.tier.id)
          }
          const promoters: Promoter[] = []
          for (const [i, sponsor] of sponsors.entries()) {
            const code = `M${run}P${i}`
            const created = (
              await api.post(
                "/admin/promoters",
                { name: code, email: `${code.toLowerCase()}@example.com`, referral_code: code, tier_id: tierIds[tierOf[i]], sponsor_id: sponsor === null ? undefined : promoters[sponsor].id },
                admin
              )
            ).data.promoter
            promoters.push({ id: created.id, code, sponsor, tier: tierOf[i] })
          }
          const orders: Order[] = []
          const where = (step: number, c: Command) => `run ${run} (${JSON.stringify({ sponsors, tiers, tierOf })}), step ${step} ${JSON.stringify(c)}`

          const upline = (i: number): number[] => {
            const chain = [i]
            while (chain.length < 3 && promoters[chain[chain.length - 1]].sponsor !== null) chain.push(promoters[chain[chain.length - 1]].sponsor!)
            return chain
          }
          /** What the ledger must show for an order: net cents per "promoter:level", for the lines written at placement. */
          const expectedNet = (o: Order) => {
            const out: Record<string, string> = {}
            for (const [d, p] of upline(o.promoter).entries()) {
              const rate = tiers[promoters[p].tier][d]
              const placed = commissionCents([UNIT * BigInt(o.quantity), 1n], rate)
              if (rate > 0 && placed > 0n) out[`${p}:${d + 1}`] = dollars(commissionCents(netBase(o), rate))
            }
            return out
          }
          const ledgerNet = async (o: Order) => {
            const rows: { id: string; kind: string; promoter_id: string; level: number; amount: string; reverses_entry_id: string | null }[] = (
              await dbConnection.raw("select id, kind, promoter_id, level, amount::text, reverses_entry_id from promoter_commission_entry where order_id = ? and deleted_at is null", [o.id])
            ).rows
            const out: Record<string, string> = {}
            for (const c of rows.filter((r) => r.kind === "commission")) {
              const who = promoters.findIndex((p) => p.id === c.promoter_id)
              out[`${who}:${c.level}`] = dollars([c, ...rows.filter((r) => r.reverses_entry_id === c.id)].reduce((s, e) => s + cents(e.amount), 0n))
            }
            return out
          }
          const capture = async (o: Order) => {
            if (o.captured) return o.captured
            const full = (await api.get(`/admin/orders/${o.id}?fields=*payment_collections.payments`, admin)).data.order
            const paymentId = full.payment_collections[0].payments[0].id as string
            await api.post(`/admin/payments/${paymentId}/capture`, {}, admin)
            o.captured = paymentId
            return paymentId
          }
          const redeliver = async (events: { name: string; data: Record<string, unknown> }[]) => {
            await Promise.all([...events, ...events].map((e) => bus.emit(e)))
          }

          for (const [step, c] of commands.entries()) {
            const events: { name: string; data: Record<string, unknown> }[] = []
            if (c.type === "order") {
              const placed = await placeOrder(api, {
                regionId: store.regions.usd,
                variantId: kettle,
                shippingOptionId: store.shippingOptionId,
                headers: store.headers,
                quantity: c.quantity,
                email: `buyer-${run}-${step}@example.com`,
                cartBody: { referral_code: promoters[c.promoter].code },
              })
              orders.push({ id: placed.id, promoter: c.promoter, quantity: c.quantity, returned: 0, refunded: 0n, canceled: false, captured: null, fulfilled: false })
              events.push({ name: "order.placed", data: { id: placed.id } })
            } else if (!orders.length) {
              continue
            } else {
              const o = orders[c.order % orders.length]
              if (o.canceled) continue
              if (c.type === "cancel") {
                // Medusa refuses to cancel an order with fulfilments; such an order is returned instead.
                if (o.fulfilled) continue
                await api.post(`/admin/orders/${o.id}/cancel`, {}, admin)
                o.canceled = true
                events.push({ name: "order.canceled", data: { id: o.id } })
              } else if (c.type === "refund") {
                const paymentId = await capture(o)
                const left = UNIT * BigInt(o.quantity) + SHIPPING - o.refunded
                const amount = BigInt(c.dollars) * 100n > left ? left : BigInt(c.dollars) * 100n
                if (amount <= 0n) continue
                await api.post(`/admin/payments/${paymentId}/refund`, { amount: Number(amount) / 100 }, admin)
                o.refunded += amount
                events.push({ name: "payment.refunded", data: { id: paymentId } })
              } else if (c.type === "return") {
                const quantity = Math.min(c.quantity, o.quantity - o.returned)
                if (quantity <= 0) continue
                const paymentId = c.refund ? await capture(o) : null
                const full = (await api.get(`/admin/orders/${o.id}?fields=*items`, admin)).data.order
                const item = full.items[0]
                if (!o.fulfilled) {
                  await api.post(`/admin/orders/${o.id}/fulfillments`, { items: [{ id: item.id, quantity: item.quantity }] }, admin)
                  o.fulfilled = true
                }
                const returnId = (await api.post("/admin/returns", { order_id: o.id }, admin)).data.return.id as string
                await api.post(`/admin/returns/${returnId}/request-items`, { items: [{ id: item.id, quantity }] }, admin)
                await api.post(`/admin/returns/${returnId}/request`, {}, admin)
                await api.post(`/admin/returns/${returnId}/receive`, {}, admin)
                await api.post(`/admin/returns/${returnId}/receive-items`, { items: [{ id: item.id, quantity }] }, admin)
                const refund = BigInt(quantity) * UNIT
                const refundable = UNIT * BigInt(o.quantity) + SHIPPING - o.refunded
                const sendRefund = paymentId !== null && refund <= refundable
                // The return is confirmed while the refund that pays it back is sent: one taking-back, not two.
                await Promise.all([
                  api.post(`/admin/returns/${returnId}/receive/confirm`, {}, admin),
                  sendRefund ? api.post(`/admin/payments/${paymentId}/refund`, { amount: Number(refund) / 100 }, admin) : null,
                ])
                o.returned += quantity
                if (sendRefund) o.refunded += refund
                events.push({ name: "order.return_received", data: { order_id: o.id, return_id: returnId } })
                if (sendRefund) events.push({ name: "payment.refunded", data: { id: paymentId } })
              }
            }
            await redeliver(events)

            // Everything the step changed, read as the store shows it once its subscribers are done, against the model.
            const month = { start: new Date(Date.now() - 40 * 86_400_000), end: new Date(Date.now() + 86_400_000) }
            const descendants = (i: number): number[] => promoters.flatMap((p, j) => (p.sponsor === i ? [j, ...descendants(j)] : []))
            const volumeOf = (o: Order) => {
              const [num, den] = netBase(o)
              return (Number(num) / Number(den) / 100).toFixed(4)
            }
            const sum = (ids: number[]) => orders.filter((o) => ids.includes(o.promoter)).reduce((s, o) => s + Number(volumeOf(o)), 0).toFixed(4)
            const expected = {
              ledger: orders.map((o) => expectedNet(o)),
              volumes: orders.map((o) => volumeOf(o)),
              figures: promoters.map((_, i) => [sum([i]), sum(descendants(i))]),
            }
            const observe = async () => {
              const volumes: { order_id: string; volume: string }[] = (
                await dbConnection.raw("select order_id, volume::text from promoter_order_attribution where order_id = any(?)", [orders.map((o) => o.id)])
              ).rows
              const read = (v: Record<string, string>) => Number(v.usd ?? 0).toFixed(4)
              return {
                ledger: await Promise.all(orders.map((o) => ledgerNet(o))),
                volumes: orders.map((o) => Number(volumes.find((v) => v.order_id === o.id)?.volume ?? NaN).toFixed(4)),
                figures: await Promise.all(
                  promoters.map(async (p) => {
                    const f = await tierFigures(getContainer(), p.id, month)
                    return [read(f.personal_volume), read(f.group_volume)]
                  })
                ),
              }
            }
            const seen = await eventually(observe, (o) => JSON.stringify(o) === JSON.stringify(expected), 20000)
            expect([where(step, c), orders.map((o) => o.id), seen]).toEqual([where(step, c), orders.map((o) => o.id), expected])
          }
        }),
        { numRuns: RUNS, seed: Number(process.env.LEDGER_STORE_SEED ?? 20261202), endOnFailure: true }
      )
    })
  },
})
