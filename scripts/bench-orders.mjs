// The order pipeline at a steady rate: orders placed through the real store API (carts prepared beforehand, then
// POST /store/carts/:id/complete on a fixed schedule), and for each order the time from Medusa publishing
// order.placed to the last of: its attribution, its commission entry on every level, the rule action it triggers.
// Anchor, measured on the same orders: the same event reaching a bare subscriber of the demo store
// (demo/src/subscribers/bench-order-placed.ts; the server runs with PROMOTER_BENCH_PROBE=true).
import { performance } from "node:perf_hooks"

const TEMPLATE = "bench-order-pipeline"

const pct = (samples, p) => {
  const s = [...samples].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN
}

async function call(base, path, { method = "GET", headers = {}, body } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`)
  return text ? JSON.parse(text) : {}
}

/** Runs `count` tasks with at most `lanes` at a time. */
async function inLanes(count, lanes, task) {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(lanes, count) }, async () => {
      for (let i = next++; i < count; i = next++) await task(i)
    })
  )
}

export async function benchOrderPipeline({ base, db, publishableKey, admin, quick, log = console.log }) {
  const store = { "x-publishable-api-key": publishableKey }
  const [region] = (await db.query("select id from region where currency_code = 'usd' and deleted_at is null limit 1")).rows
  const [variant] = (
    await db.query(
      "select v.id from product_variant v join product p on p.id = v.product_id where p.handle = 'cast-iron-kettle' and v.deleted_at is null limit 1"
    )
  ).rows
  const [option] = (await db.query("select id from shipping_option where name = 'Standard shipping' and deleted_at is null limit 1")).rows
  // The seeded tree: KIM ← SAM ← JANE, so each order pays three levels (the plan's default depth).
  const levels = 3
  await call(base, "/admin/commission-plan", { method: "POST", headers: admin, body: { max_depth: levels } })
  await call(base, "/admin/automation-rules", {
    method: "POST",
    headers: admin,
    body: {
      status: "active",
      definition: {
        schema_version: 1,
        name: "Bench: thank the referred buyer",
        outcome: "loyalty",
        subject: "customer",
        trigger: { type: "event", event: "promoter.order_attributed" },
        actions: [{ type: "send_message", channel: "email", template: TEMPLATE }],
      },
    },
  })

  let serial = 0
  async function prepareCart() {
    const n = serial++
    const email = `bench-order-${Date.now()}-${n}@bench.test`
    const viaCoupon = n % 2 === 0
    const { cart } = await call(base, "/store/carts", {
      method: "POST",
      headers: store,
      body: {
        region_id: region.id,
        email,
        items: [{ variant_id: variant.id, quantity: 1 }],
        shipping_address: { first_name: "B", last_name: "Ench", address_1: "1 Main St", city: "Austin", country_code: "us", postal_code: "73301" },
        ...(viaCoupon ? { promo_codes: ["KIM10"] } : { referral_code: "KIM" }),
      },
    })
    await call(base, `/store/carts/${cart.id}/shipping-methods`, { method: "POST", headers: store, body: { option_id: option.id } })
    const { payment_collection } = await call(base, "/store/payment-collections", { method: "POST", headers: store, body: { cart_id: cart.id } })
    await call(base, `/store/payment-collections/${payment_collection.id}/payment-sessions`, {
      method: "POST",
      headers: store,
      body: { provider_id: "pp_system_default" },
    })
    return { cartId: cart.id, email }
  }
  async function prepare(count) {
    const carts = []
    await inLanes(count, 6, async () => carts.push(await prepareCart()))
    return carts
  }
  async function complete(cart) {
    const t = performance.now()
    const data = await call(base, `/store/carts/${cart.cartId}/complete`, { method: "POST", headers: store })
    if (data.type !== "order") throw new Error(`cart ${cart.cartId} did not complete: ${JSON.stringify(data).slice(0, 300)}`)
    return { ...cart, orderId: data.order.id, completeMs: performance.now() - t }
  }

  /** Waits until every order's pipeline is done; returns per-order latencies from the probe and the database. */
  async function measure(orders, timeoutMs) {
    const ids = orders.map((o) => o.orderId)
    const emails = orders.map((o) => o.email)
    const started = Date.now()
    let rows
    for (;;) {
      rows = (
        await db.query(
          `select o.id as order_id,
                  (select count(*) from promoter_order_attribution a where a.order_id = o.id and a.deleted_at is null)::int as attributions,
                  (select max(a.created_at) from promoter_order_attribution a where a.order_id = o.id) as attributed_at,
                  (select count(*) from promoter_commission_entry e where e.order_id = o.id and e.kind = 'commission' and e.deleted_at is null)::int as entries,
                  (select max(e.created_at) from promoter_commission_entry e where e.order_id = o.id and e.kind = 'commission') as paid_at,
                  (select count(*) from notification n where n.template = $3 and n."to" = o.email)::int as actions,
                  (select max(n.created_at) from notification n where n.template = $3 and n."to" = o.email) as acted_at
             from "order" o where o.id = any($1) and o.email = any($2)`,
          [ids, emails, TEMPLATE]
        )
      ).rows
      const done = rows.filter((r) => r.attributions === 1 && r.entries === levels && r.actions === 1).length
      if (done === orders.length) break
      if (Date.now() - started > timeoutMs) {
        const bad = rows.find((r) => !(r.attributions === 1 && r.entries === levels && r.actions === 1))
        throw new Error(`order pipeline: ${done}/${orders.length} orders done after ${timeoutMs} ms; e.g. ${JSON.stringify(bad)}`)
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    const probes = (await call(base, "/bench/order-events")).orders
    const pipeline = []
    const anchor = []
    for (const r of rows) {
      const probe = probes[r.order_id]
      if (!probe) throw new Error(`no order.placed probe for ${r.order_id}`)
      const done = Math.max(new Date(r.attributed_at).getTime(), new Date(r.paid_at).getTime(), new Date(r.acted_at).getTime())
      pipeline.push(done - probe.published_at)
      anchor.push(probe.delivered_at - probe.published_at)
    }
    return { pipeline, anchor, drainedMs: Date.now() - started }
  }

  // 1. Capacity: orders placed back to back by 8 shoppers at once.
  const probeCarts = await prepare(quick ? 40 : 120)
  const t0 = performance.now()
  const probeOrders = []
  await inLanes(probeCarts.length, 8, async (i) => probeOrders.push(await complete(probeCarts[i])))
  const capacity = probeOrders.length / ((performance.now() - t0) / 1000)
  await measure(probeOrders, 120_000)
  const target = 100

  // 2. Steady runs: one order every 1/rate s for `seconds`, each on its schedule whatever the others do. Start at the
  //    target if the checkout can take it, else at the measured capacity; go up while a rate holds, down if the first
  //    does not; report the highest rate that held.
  const seconds = quick ? 10 : 30
  async function steady(rate) {
    const carts = await prepare(rate * seconds)
    const start = performance.now() + 200
    const lags = []
    const orders = await Promise.all(
      carts.map(async (cart, i) => {
        const at = start + (i * 1000) / rate
        await new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())))
        lags.push(performance.now() - at)
        return await complete(cart)
      })
    )
    const placedIn = (performance.now() - start) / 1000
    const { pipeline, anchor, drainedMs } = await measure(orders, 120_000)
    // Sustained: every order was sent on schedule (within 1 s) and answered within 1 s of the schedule's end (the
    // checkout kept up), and the pipeline kept up (all done within 5 s of the last order).
    const sustained = pct(lags, 100) < 1000 && placedIn < seconds + 1 && drainedMs < 5000
    log(`[bench] order pipeline at ${rate}/s: ${sustained ? "sustained" : "not sustained"} (max lag ${pct(lags, 100).toFixed(0)} ms, placed in ${placedIn.toFixed(1)} s, drained ${drainedMs} ms after)`)
    return { rate, orders, lags, placedIn, pipeline, anchor, sustained }
  }
  let rate = capacity >= target * 1.1 ? target : Math.max(1, Math.round(capacity))
  log(`[bench] order pipeline: checkout capacity ${capacity.toFixed(1)} orders/s (8 shoppers back to back); starting at ${rate}/s`)
  let best = null
  let run = null
  for (let attempt = 0; attempt < 4; attempt++) {
    run = await steady(rate)
    if (run.sustained) {
      best = run
      if (rate >= target) break
      rate = Math.min(target, Math.max(rate + 1, Math.round(rate * 1.25)))
    } else {
      if (best || rate === 1) break
      rate = Math.max(1, Math.floor(rate * 0.8))
    }
  }
  run = best ?? run
  const { orders, lags, placedIn, pipeline, anchor, sustained } = run
  const completes = orders.map((o) => o.completeMs)
  return {
    orders: orders.length,
    rate: run.rate,
    target,
    capacity,
    placedIn,
    sustained,
    pipeline: { p50: pct(pipeline, 50), p99: pct(pipeline, 99), max: pct(pipeline, 100) },
    anchor: { p50: pct(anchor, 50), p99: pct(anchor, 99) },
    complete: { p50: pct(completes, 50), p99: pct(completes, 99) },
    lag: { max: pct(lags, 100) },
  }
}
