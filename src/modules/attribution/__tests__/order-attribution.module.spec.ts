// An order's attribution as a module, on its own PostgreSQL schema: recorded once, with the customer's binding and
// the rollup's conversion; what settlements leave of it written in SQL and read back by Medusa's ORM with exact
// raw_ values (src/lib/raw-columns.ts).
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { MODULE_TEST_OPTIONS } from "../../../../integration-tests/helpers/plugin-options"
import { ATTRIBUTION_MODULE } from ".."
import type AttributionModuleService from "../service"

jest.setTimeout(120_000)

moduleIntegrationTestRunner<AttributionModuleService>({
  moduleName: ATTRIBUTION_MODULE,
  resolve: path.join(__dirname, ".."),
  moduleOptions: MODULE_TEST_OPTIONS,
  testSuite: ({ service }) => {
    const placed = (orderId: string, promoterId: string | null) => ({
      order_id: orderId,
      promoter_id: promoterId,
      decided_by: promoterId ? ("touch" as const) : ("none" as const),
      winning_touch_id: null,
      channel: "qr",
      self_referral: false,
      customer_id: "cus_1",
      email: "casey@example.com",
      currency_code: "usd",
      order_total: "130.10",
      volume: "120.05",
      candidates: [],
      placed_at: new Date("2026-11-20T12:00:00Z"),
    })

    it("records an order once, binds its customer and counts the conversion, whatever a redelivery says", async () => {
      const first = await service.recordOrderAttribution(placed("order_a", "prom_1"))
      const again = await service.recordOrderAttribution(placed("order_a", "prom_2"))
      expect(first).toMatchObject({ created: true, promoter_id: "prom_1", decided_by: "touch" })
      expect(again).toEqual({ ...first, created: false })
      const [binding] = await service.listCustomerBindings({ email: "casey@example.com" })
      expect(binding).toMatchObject({ promoter_id: "prom_1", source: "order", order_id: "order_a" })
      const totals = (await service.totalsFor(["prom_1", "prom_2"])).get("prom_1")
      expect(totals).toEqual({ clicks: 0, conversions: 1, revenue: [{ currency_code: "usd", amount: "130.1" }] })
      expect((await service.totalsFor(["prom_2"])).get("prom_2")).toBeUndefined()
      // The rollup's revenue, written in SQL, reads back through the ORM with its exact raw value.
      const [stat] = await service.listDailyStats({ promoter_id: "prom_1" })
      expect(stat).toMatchObject({ channel: "qr", conversions: 1, raw_revenue: { value: "130.10", precision: 20 } })
    })

    it("a settlement's volume and net total, written in SQL, read back exactly through the ORM; it only goes down unless restored", async () => {
      await service.recordOrderAttribution(placed("order_b", "prom_1"))
      await service.setOrderVolume({ order_id: "order_b", volume: "60.025", gross_volume: "120.05" })
      const read = async () =>
        (await service.listOrderAttributions({ order_id: "order_b" }))[0]
      expect(await read()).toMatchObject({
        raw_volume: { value: "60.025", precision: 20 },
        raw_net_total: { value: "65.05", precision: 20 },
      })
      // A settlement that read the order before could not put back what this one took.
      await service.setOrderVolume({ order_id: "order_b", volume: "100", gross_volume: "120.05" })
      expect((await read()).raw_volume).toEqual({ value: "60.025", precision: 20 })
      await service.setOrderVolume({ order_id: "order_b", volume: "120.05", gross_volume: "120.05", restore: true })
      expect(await read()).toMatchObject({ raw_volume: { value: "120.05", precision: 20 }, raw_net_total: { value: "130.1", precision: 20 } })
    })
  },
})
