// The touch write-behind queue as a module, on its own PostgreSQL schema (Medusa's module test runner): every queued
// touch is written once with its daily rollup, and a touch the database refuses costs only itself.
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { MODULE_TEST_OPTIONS } from "../../../../integration-tests/helpers/plugin-options"
import { ATTRIBUTION_MODULE, newTouch } from ".."
import type AttributionModuleService from "../service"

jest.setTimeout(120_000)

moduleIntegrationTestRunner<AttributionModuleService>({
  moduleName: ATTRIBUTION_MODULE,
  resolve: path.join(__dirname, ".."),
  moduleOptions: MODULE_TEST_OPTIONS,
  testSuite: ({ medusaApp }) => {
    // The runner's `service` is a read-only proxy, and the queue keeps state on the instance: use the instance itself.
    let service: AttributionModuleService
    beforeEach(() => {
      service = medusaApp.modules[ATTRIBUTION_MODULE] as AttributionModuleService
    })
    const click = (promoterId: string, visitor: string, extra: Record<string, unknown> = {}) =>
      newTouch({ promoter_id: promoterId, code: "CODE", channel: "web", source: "link", visitor_id: visitor, ...extra })

    it("writes every queued touch once, across flushes started while others run, and counts them in the rollup", async () => {
      const flushes: Promise<void>[] = []
      for (let i = 0; i < 1_200; i++) {
        service.enqueueTouch(click("prom_q", `v${i % 300}`))
        if (i % 250 === 0) flushes.push(service.flushTouches())
      }
      await Promise.all([...flushes, service.flushTouches()])
      expect(await service.listTouches({ promoter_id: "prom_q" }, { select: ["id"] })).toHaveLength(1_200)
      // The daily rollup the dashboards read counts the same clicks.
      expect((await service.totalsFor(["prom_q"])).get("prom_q")?.clicks).toBe(1_200)
    })

    it("drops only the touch the database refuses (a NUL byte), writes the rest of its batch, and goes on", async () => {
      service.enqueueTouch(click("prom_bad", "a"))
      service.enqueueTouch(click("prom_bad", "b", { utm_source: "bad\u0000tag" }))
      service.enqueueTouch(click("prom_bad", "c"))
      await service.flushTouches()
      const written = await service.listTouches({ promoter_id: "prom_bad" }, { select: ["visitor_id"] })
      expect(written.map((t) => t.visitor_id).sort()).toEqual(["a", "c"])
      // The queue is not stuck: the next touch is written by the next flush.
      service.enqueueTouch(click("prom_bad", "d"))
      await service.flushTouches()
      expect(await service.listTouches({ promoter_id: "prom_bad" }, { select: ["id"] })).toHaveLength(3)
    })
  },
})
