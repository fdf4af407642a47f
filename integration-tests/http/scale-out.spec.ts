// Scale-out: two HTTP server processes and two worker processes (`medusa start` from demo/, MEDUSA_WORKER_MODE
// server / worker) on the test database and a real Redis (event bus, workflow engine, locking, cache). Shoppers place
// orders through the servers' store API, credited to promoters by coupon or cart referral; the workers attribute them,
// write the commissions of every level and run the automation rules. Then one worker is killed with SIGKILL in the
// middle of a burst, the other finishes (BullMQ hands the killed worker's job over once its lock expires), the killed
// one is restarted, and every order must still have exactly one attribution, one ledger entry per level and one of
// each rule action.
//
// Size: the issue asks for 1,000 orders. Each order here is a real checkout (5 store API requests, cart completion
// included); on the 2-core CI machine the two servers place 1.3–2.7 orders/s with both cores busy, so 1,000 orders
// would take 6–12 minutes of placing alone, on top of the up to ~90 s BullMQ takes to hand the killed worker's job
// over (30 s lock, stalled checks every 30 s). This test places SCALE_ORDERS orders (default 180: 120 in the steady
// burst, 60 in the burst with the kill) plus 6 after the restart: 150 orders took 2.5 minutes on a quiet machine, 180
// took 4 minutes in a full `npm test` while another test suite loaded the same 2 cores.
// `SCALE_ORDERS=1000 npm test -- integration-tests/http/scale-out.spec.ts` runs the full size.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import axios, { type AxiosInstance } from "axios"
import { Queue } from "bullmq"
import fs from "node:fs"
import path from "node:path"
import { placeOrder } from "../helpers/checkout"
import { eventually } from "../helpers/http"
import { acquireRedis, redisObtainable, type TestRedis } from "../helpers/redis"
import { adminSession, storeSession, type Headers } from "../helpers/session"
import { startStoreProcess, type StoreProcess } from "../helpers/store-process"
import type { StoreFixture } from "../../demo/fixtures/store"

const TOTAL = Number(process.env.SCALE_ORDERS ?? 180)
// Up to ~1 s per checkout on a busy 2-core machine, plus start-up and the killed worker's hand-over.
jest.setTimeout((600 + TOTAL) * 1000)
const STEADY = Math.round(TOTAL * (2 / 3))
const BURST = TOTAL - STEADY
const AFTER_RESTART = 6
const LANES = 6

// Without Redis (and no redis-server to start) this test cannot run; CI starts one, so there it must not be skipped.
const canRun = redisObtainable() || !!process.env.CI
if (!canRun) console.warn("scale-out.spec.ts: skipped — no Redis at REDIS_URL / 127.0.0.1:6379 and no redis-server binary")

type Placed = { orderId: string; email: string; promoter: string; via: "coupon" | "cart_referral" }

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection, dbConfig }) => {
    let redis: TestRedis | null = null
    const processes: StoreProcess[] = []

    afterAll(async () => {
      // SCALE_DEBUG_DIR=/some/dir keeps every process's log (at info level: each event the workers process).
      if (process.env.SCALE_DEBUG_DIR) processes.forEach((p, i) => fs.writeFileSync(path.join(process.env.SCALE_DEBUG_DIR!, `process-${i}.log`), p.output()))
      await Promise.all(processes.map((p) => (p.child.exitCode === null ? p.stop("SIGKILL") : null)))
      await redis?.release()
    })

    ;(canRun ? it : it.skip)("two workers on one database and Redis: every order attributed and paid once per level, one of each rule action, also when a worker is killed", async () => {
      redis = await acquireRedis()
      const admin: Headers = await adminSession(api, getContainer())
      const store: StoreFixture & Headers = await storeSession(getContainer())

      // The tree: TOP ← MID ← LEAFA..LEAFD, and DEEP under LEAFA. Three levels are paid.
      const tier = (await api.post("/admin/promoter-tiers", { name: "Scale", rank: 1, commission_rates_bps: [1000, 500, 200] }, admin)).data.tier
      await api.post("/admin/commission-plan", { max_depth: 3, compression: false }, admin)
      const create = async (code: string, sponsor_id?: string) =>
        (await api.post("/admin/promoters", { name: code, email: `${code.toLowerCase()}@example.com`, referral_code: code, tier_id: tier.id, sponsor_id }, admin))
          .data.promoter as { id: string }
      const top = await create("TOP")
      const mid = await create("MID", top.id)
      const leaves = [await create("LEAFA", mid.id), await create("LEAFB", mid.id), await create("LEAFC", mid.id), await create("LEAFD", mid.id)]
      const deep = await create("DEEP", leaves[0].id)
      const promoterIds: Record<string, string> = { TOP: top.id, MID: mid.id, LEAFA: leaves[0].id, LEAFB: leaves[1].id, LEAFC: leaves[2].id, LEAFD: leaves[3].id, DEEP: deep.id }
      const chains: Record<string, string[]> = {
        LEAFA: ["LEAFA", "MID", "TOP"],
        LEAFB: ["LEAFB", "MID", "TOP"],
        LEAFC: ["LEAFC", "MID", "TOP"],
        LEAFD: ["LEAFD", "MID", "TOP"],
        DEEP: ["DEEP", "LEAFA", "MID"],
      }
      const credited = Object.keys(chains)
      // Default coupons (CODE10) are made by a subscriber of promoter.activated.
      for (const code of credited) {
        await eventually(
          async () => (await api.get(`/admin/promoters/${promoterIds[code]}/coupons`, admin)).data.coupons as unknown[],
          (c) => c.length === 1,
          20000
        )
      }
      const rule = async (definition: Record<string, unknown>) =>
        (await api.post("/admin/automation-rules", { status: "active", definition: { schema_version: 1, outcome: "loyalty", ...definition } }, admin)).data
          .automation_rule as { id: string }
      const thanks = await rule({
        name: "Thank every buyer",
        subject: "customer",
        trigger: { type: "event", event: "order.placed" },
        actions: [{ type: "send_message", channel: "email", template: "scale-thanks" }],
      })
      const sale = await rule({
        name: "Tell the promoter",
        subject: "promoter",
        trigger: { type: "event", event: "promoter.order_attributed" },
        actions: [{ type: "send_message", channel: "feed", template: "scale-sale" }],
      })

      // The processes: two HTTP servers, two workers, all on the test database and the claimed Redis database.
      const env = (mode: string) => ({ REDIS_URL: redis!.url, MEDUSA_WORKER_MODE: mode, LOG_LEVEL: process.env.SCALE_DEBUG_DIR ? "info" : "error" })
      const started = Date.now()
      const [serverA, serverB, workerA, workerB] = await Promise.all(
        ["server", "server", "worker", "worker"].map((mode) => startStoreProcess({ databaseUrl: dbConfig.clientUrl, env: env(mode), startTimeoutMs: 180_000 }))
      )
      processes.push(serverA, serverB, workerA, workerB)
      console.log(`[scale-out] 2 servers + 2 workers up in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      // Requests alternate between the servers (as behind a load balancer): a cart made on one is completed on the other.
      const shop: AxiosInstance = axios.create()
      let turn = 0
      shop.interceptors.request.use((config) => ({ ...config, baseURL: `http://localhost:${[serverA, serverB][turn++ % 2].port}` }))

      const placed: Placed[] = []
      async function placeOrders(phase: string, count: number, onPlaced?: (n: number) => void) {
        let next = 0
        const out: Placed[] = []
        const lane = async () => {
          for (let i = next++; i < count; i = next++) {
            const promoter = credited[i % credited.length]
            const via = i % 2 === 0 ? "coupon" : "cart_referral"
            const email = `${phase}-${i}@example.com`
            const order = await placeOrder(shop, {
              regionId: store.regions.usd,
              variantId: store.products[i % store.products.length].variantId,
              shippingOptionId: store.shippingOptionId,
              email,
              headers: store.headers,
              ...(via === "coupon" ? { promoCodes: [`${promoter}10`] } : { cartBody: { referral_code: promoter.toLowerCase() } }),
            })
            out.push({ orderId: order.id, email, promoter, via })
            onPlaced?.(out.length)
          }
        }
        const t = Date.now()
        await Promise.all(Array.from({ length: LANES }, lane))
        console.log(`[scale-out] ${phase}: ${count} orders placed in ${((Date.now() - t) / 1000).toFixed(1)} s`)
        placed.push(...out)
        return out
      }

      const q = async (sql: string, bindings: unknown[] = []) => (await dbConnection.raw(sql, bindings)).rows as Record<string, unknown>[]
      const queueBusy = async () => {
        const c = redis!.client
        const prefix = "RedisEventBusService:events-queue"
        const [wait, active, prioritized, delayed] = await Promise.all([
          c.llen(`${prefix}:wait`),
          c.llen(`${prefix}:active`),
          c.zcard(`${prefix}:prioritized`),
          c.zcard(`${prefix}:delayed`),
        ])
        return wait + active + prioritized + delayed
      }
      const progress = async (orders: Placed[]) => {
        const ids = orders.map((o) => o.orderId)
        const emails = orders.map((o) => o.email)
        const [[a], [e], [t], [s]] = await Promise.all([
          q("select count(*)::int as n from promoter_order_attribution where order_id = any(?)", [ids]),
          q("select count(*)::int as n from promoter_commission_entry where kind = 'commission' and order_id = any(?)", [ids]),
          q("select count(*)::int as n from notification where template = 'scale-thanks' and \"to\" = any(?)", [emails]),
          q("select count(*)::int as n from notification where template = 'scale-sale'"),
        ])
        return { attributions: a.n as number, entries: e.n as number, thanks: t.n as number, sales: s.n as number, queued: await queueBusy() }
      }
      async function settle(orders: Placed[], timeoutMs: number) {
        const t = Date.now()
        const expected = (p: Awaited<ReturnType<typeof progress>>) =>
          p.attributions >= orders.length && p.entries >= 3 * orders.length && p.thanks >= orders.length && p.sales >= placed.length && p.queued === 0
        const p = await eventually(() => progress(orders), expected, timeoutMs)
        // Redelivered work would arrive now: give it a moment before counting.
        await new Promise((r) => setTimeout(r, 3000))
        console.log(`[scale-out] settled in ${((Date.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(await progress(orders))}`)
        // Not done in time is a failure, not a state to go on from.
        expect({ settled: expected(p), progress: p }).toEqual({ settled: true, progress: p })
        return p
      }

      /** Every order: one attribution (the right promoter and reason), one entry per level, one of each rule action. */
      async function expectExactlyOnce(orders: Placed[]) {
        const ids = orders.map((o) => o.orderId)
        const attributions = await q(
          "select order_id, promoter_id, decided_by, count(*) over (partition by order_id)::int as n from promoter_order_attribution where order_id = any(?)",
          [ids]
        )
        const byOrder = new Map(attributions.map((a) => [a.order_id as string, a]))
        const entries = await q(
          "select order_id, promoter_id, level from promoter_commission_entry where kind = 'commission' and order_id = any(?) order by order_id, level",
          [ids]
        )
        const entriesOf = new Map<string, [number, string][]>()
        for (const e of entries) entriesOf.set(e.order_id as string, [...(entriesOf.get(e.order_id as string) ?? []), [e.level as number, e.promoter_id as string]])
        const thanksTo = new Map(
          (await q("select \"to\", count(*)::int as n from notification where template = 'scale-thanks' and \"to\" = any(?) group by \"to\"", [orders.map((o) => o.email)])).map(
            (r) => [r.to as string, r.n as number]
          )
        )
        const problems: string[] = []
        for (const o of orders) {
          const a = byOrder.get(o.orderId)
          if (!a) problems.push(`${o.orderId}: no attribution`)
          else if (a.n !== 1) problems.push(`${o.orderId}: ${a.n} attributions`)
          else if (a.promoter_id !== promoterIds[o.promoter] || a.decided_by !== o.via) problems.push(`${o.orderId}: credited ${a.promoter_id} by ${a.decided_by}, expected ${o.promoter} by ${o.via}`)
          const want = chains[o.promoter].map((code, i) => [i + 1, promoterIds[code]])
          const got = entriesOf.get(o.orderId) ?? []
          if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${o.orderId}: ledger ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`)
          if (thanksTo.get(o.email) !== 1) problems.push(`${o.orderId}: ${thanksTo.get(o.email) ?? 0} thank-you messages`)
        }
        expect(problems.slice(0, 20)).toEqual([])
      }

      /** Rule actions over everything placed so far: one firing, one fired run and one message per order and rule. */
      async function expectRuleActionsOnce() {
        const n = placed.length
        const [sales] = await q("select count(*)::int as n, count(distinct idempotency_key)::int as keys from notification where template = 'scale-sale'")
        expect(sales).toEqual({ n, keys: n })
        const perPromoter = await q(
          "select \"to\", count(*)::int as n from notification where template = 'scale-sale' group by \"to\" order by \"to\""
        )
        const expected = new Map<string, number>()
        for (const o of placed) expected.set(`${o.promoter.toLowerCase()}@example.com`, (expected.get(`${o.promoter.toLowerCase()}@example.com`) ?? 0) + 1)
        expect(Object.fromEntries(perPromoter.map((r) => [r.to, r.n]))).toEqual(Object.fromEntries([...expected].sort()))
        for (const r of [thanks, sale]) {
          const [firings] = await q(
            "select count(*)::int as n, (count(*) filter (where completed_at is null))::int as unfinished from promoter_automation_firing where rule_id = ?",
            [r.id]
          )
          const [runs] = await q("select count(*)::int as n from promoter_automation_run where rule_id = ? and fired", [r.id])
          expect({ rule: r.id, firings: firings.n, unfinished: firings.unfinished, fired_runs: runs.n }).toEqual({ rule: r.id, firings: n, unfinished: 0, fired_runs: n })
        }
      }

      // 1. A steady burst on both workers.
      const steady = await placeOrders("steady", STEADY)
      await settle(steady, 120_000 + STEADY * 200)
      await expectExactlyOnce(steady)
      await expectRuleActionsOnce()

      // 2. A burst the workers cannot keep up with: the event queue is paused while the orders come in (as when
      //    shoppers outpace the workers), then resumed; worker A is killed (SIGKILL) while both are working through
      //    the backlog, so it dies holding a job. B finishes alone; A's job is handed to B once its lock expires.
      const events = new Queue("events-queue", { prefix: "RedisEventBusService", connection: redis.client.duplicate() })
      await events.pause()
      const burst = await placeOrders("burst", BURST)
      const backlog = await queueBusy()
      await events.resume()
      await eventually(() => progress(burst), (p) => p.attributions >= BURST / 3, 60_000)
      const before = await progress(burst)
      await workerA.stop("SIGKILL")
      console.log(`[scale-out] worker A killed during a backlog of ${backlog} events: ${JSON.stringify(before)}`)
      expect(before.queued).toBeGreaterThan(0)
      await events.close()
      // B works through the backlog alone (~2 orders/s with both cores shared), after A's job is handed over (≤ ~90 s).
      await settle(burst, 150_000 + BURST * 1000)
      const restarted = await startStoreProcess({ databaseUrl: dbConfig.clientUrl, env: env("worker"), startTimeoutMs: 180_000 })
      processes.push(restarted)
      const after = await placeOrders("after-restart", AFTER_RESTART)
      await settle([...burst, ...after], 60_000)
      await expectExactlyOnce([...steady, ...burst, ...after])
      await expectRuleActionsOnce()
      const [takenOver] = await q("select count(*)::int as n from promoter_automation_firing where claimed_at - created_at > interval '5 seconds'")
      console.log(`[scale-out] rule firings taken over from the killed worker and finished: ${takenOver.n}`)
    })
  },
})
