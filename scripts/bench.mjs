#!/usr/bin/env node
// `npm run bench [-- --quick]`: every benchmark runs both sides in the same run and reports a ratio, then writes
// BENCHMARKS.md. Not part of `npm test`.
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"
import { databaseUrl, ensureExternalDatabase, externalDatabase, freePort, startEmbeddedPostgres } from "./lib/database.mjs"
import { baseEnv, buildPlugin, medusaBin, root, run } from "./lib/plugin.mjs"
import { benchRules } from "./bench-rules.mjs"

const quick = process.argv.includes("--quick")
const size = {
  rules: quick ? [100, 1000] : [100, 1000, 10000],
  touches: quick ? 50_000 : 1_000_000,
  orders: quick ? 5_000 : 100_000,
  promoters: quick ? 10_000 : 100_000,
  redirectSeconds: quick ? 5 : 15,
}

let embedded = null
let server = null
const cleanup = async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM")
    await new Promise((r) => server.once("exit", r))
  }
  if (embedded) await embedded.stop().catch(() => {})
}
process.on("SIGINT", () => cleanup().then(() => process.exit(130)))

const pct = (samples, p) => {
  const s = [...samples].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}
const ms = (v) => `${v.toFixed(v < 10 ? 2 : 1)} ms`

async function timeRequests(url, headers, count = 60) {
  const samples = []
  for (let i = 0; i < 5; i++) await fetch(url, { headers })
  for (let i = 0; i < count; i++) {
    const t = performance.now()
    const res = await fetch(url, { headers, redirect: "manual" })
    await res.arrayBuffer()
    if (res.status >= 400) throw new Error(`${url}: ${res.status}`)
    samples.push(performance.now() - t)
  }
  return { p50: pct(samples, 50), p99: pct(samples, 99) }
}

async function autocannon(url, seconds) {
  const { default: ac } = await import("autocannon")
  const result = await ac({ url, connections: 20, duration: seconds, headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0" }, followRedirect: false })
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors }
}

async function main() {
  const rows = []
  const env0 = baseEnv({ LOG_LEVEL: "error" })
  console.log("[bench] building the plugin…")
  await buildPlugin(env0)

  console.log("[bench] rule evaluation…")
  for (const r of await benchRules({ root, sizes: size.rules })) {
    rows.push({
      name: `Rule evaluation, ${r.n.toLocaleString("en")} rules × 1 event`,
      ours: ms(r.ours),
      anchor: `json-rules-engine ${ms(r.theirs)}`,
      ratio: `${(r.theirs / r.ours).toFixed(0)}× faster`,
      target: r.n === 10000 ? "< 10 ms and ≥ 50×" : "≥ 50×",
      met: r.theirs / r.ours >= 50 && (r.n !== 10000 || r.ours < 10),
    })
  }

  const external = externalDatabase()
  const name = "promoter_bench"
  let url
  if (external) {
    await ensureExternalDatabase(external, name)
    url = databaseUrl(external, name)
  } else {
    embedded = await startEmbeddedPostgres({ dir: path.join(root, ".bench-db") })
    await embedded.createDatabase(name)
    url = databaseUrl(embedded, name)
  }
  const port = await freePort()
  const env = baseEnv({
    DATABASE_URL: url,
    DB_HOST: "",
    PORT: String(port),
    NODE_ENV: "production",
    LOG_LEVEL: "error",
    MEDUSA_ADMIN_DISABLED: "true",
    MEDUSA_BACKEND_URL: `http://localhost:${port}`,
    DEMO_INFO_FILE: path.join(root, ".medusa", "bench-info.json"),
    PROMOTER_OPTIONS_JSON: JSON.stringify({ rateLimits: { redirectsPerMinute: 1_000_000 } }),
  })
  const demo = path.join(root, "demo")
  console.log("[bench] migrating and seeding…")
  await run(medusaBin, ["db:migrate"], { cwd: demo, env, quiet: true })
  await run(medusaBin, ["exec", "./seed.ts"], { cwd: demo, env, quiet: true })

  const { default: pg } = await import("pg")
  const db = new pg.Client({ connectionString: url })
  db.on("error", () => {})
  await db.connect()
  const jane = (await db.query("select id from promoter where referral_code = 'JANE'")).rows[0].id

  console.log(`[bench] generating ${size.touches.toLocaleString("en")} touches and ${size.orders.toLocaleString("en")} orders…`)
  await db.query(
    `insert into promoter_touch (id, promoter_id, code, channel, source, device, visitor_id, is_unique, occurred_at)
     select 'tch_bench_' || g, case when g % 10 = 0 then $1 else 'prom_other_' || (g % 500) end, 'X',
            (array['web','mobile','social','email','chat','qr','in_store'])[1 + g % 7], 'link', 'desktop', 'v' || (g % 50000), g % 3 = 0,
            now() - (g % 365) * interval '1 day'
       from generate_series(1, $2::int) g`,
    [jane, size.touches]
  )
  await db.query(
    `insert into promoter_order_attribution (id, order_id, promoter_id, decided_by, currency_code, order_total, raw_order_total, candidates, placed_at)
     select 'oattr_bench_' || g, 'order_bench_' || g, case when g % 10 = 0 then $1 else 'prom_other_' || (g % 500) end, 'touch', 'usd',
            50 + g % 200, jsonb_build_object('value', (50 + g % 200)::text, 'precision', 20), '{"list":[]}', now() - (g % 365) * interval '1 day'
       from generate_series(1, $2::int) g`,
    [jane, size.orders]
  )
  // The rollup the writers keep, rebuilt for the generated rows.
  await db.query(`delete from promoter_daily_stat`)
  await db.query(
    `insert into promoter_daily_stat (id, promoter_id, day, channel, currency_code, clicks, unique_clicks, invitations, conversions, revenue, raw_revenue)
     select 'pds_' || md5(promoter_id || day || channel), promoter_id, day, channel, '', count(*), count(*) filter (where is_unique), 0, 0, 0, '{"value":"0","precision":20}'
       from (select promoter_id, to_char(occurred_at, 'YYYY-MM-DD') as day, channel, is_unique from promoter_touch) t group by promoter_id, day, channel`
  )
  await db.query(
    `insert into promoter_daily_stat (id, promoter_id, day, channel, currency_code, clicks, unique_clicks, invitations, conversions, revenue, raw_revenue)
     select 'pds_o' || md5(promoter_id || day), promoter_id, day, 'touch', 'usd', 0, 0, 0, count(*), sum(order_total), jsonb_build_object('value', sum(order_total)::text, 'precision', 20)
       from (select promoter_id, to_char(placed_at, 'YYYY-MM-DD') as day, order_total from promoter_order_attribution) t group by promoter_id, day`
  )

  console.log(`[bench] generating a tree of ${size.promoters.toLocaleString("en")} promoters…`)
  await db.query(
    `insert into promoter (id, name, email, status, referral_code, sponsor_id, enrolled_at)
     select 'prom_b' || g, 'P' || g, 'p' || g || '@bench.test', 'active', 'B' || g,
            case when g = 1 then null when g <= 20 then 'prom_b' || (g - 1) else 'prom_b' || (1 + (g * 7919) % (g - 1)) end, now()
       from generate_series(1, $1::int) g`,
    [size.promoters]
  )
  await db.query("analyze")

  console.log("[bench] starting the store…")
  server = spawn(medusaBin, ["start"], { cwd: demo, env, stdio: ["ignore", "ignore", "inherit"] })
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/health`)).ok) break
    } catch {
      // starting
    }
    if (i > 300) throw new Error("the store did not start")
    await new Promise((r) => setTimeout(r, 300))
  }
  const login = await (
    await fetch(`http://localhost:${port}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@example.com", password: "supersecret" }),
    })
  ).json()
  const auth = { authorization: `Bearer ${login.token}` }

  console.log("[bench] short-link redirect vs a bare 302 route…")
  const bare = await autocannon(`http://localhost:${port}/bench/redirect`, size.redirectSeconds)
  const redirect = await autocannon(`http://localhost:${port}/r/JANE?utm_source=bench`, size.redirectSeconds)
  rows.push({
    name: "Short-link redirect `GET /r/:code` (touch recording on), 20 connections",
    ours: `${redirect.rps.toFixed(0)} req/s, p99 ${redirect.p99} ms`,
    anchor: `bare 302 route ${bare.rps.toFixed(0)} req/s, p99 ${bare.p99} ms`,
    ratio: `${(redirect.rps / bare.rps).toFixed(2)}× throughput`,
    target: "≥ 0.8×",
    met: redirect.rps / bare.rps >= 0.8,
  })

  console.log("[bench] dashboard and upline…")
  const health = await timeRequests(`http://localhost:${port}/health`, {})
  const from = new Date(Date.now() - 365 * 86_400_000).toISOString()
  const dash = await timeRequests(`http://localhost:${port}/admin/promoters/${jane}/stats?from=${from}&granularity=month`, auth)
  rows.push({
    name: `Dashboard: promoter stats over a year, ${size.touches.toLocaleString("en")} touches and ${size.orders.toLocaleString("en")} orders in the database`,
    ours: `p50 ${ms(dash.p50)}, p99 ${ms(dash.p99)}`,
    anchor: `GET /health p50 ${ms(health.p50)}`,
    ratio: `${(dash.p50 / health.p50).toFixed(1)}× /health`,
    target: "< 50 ms",
    met: dash.p99 < 50,
  })
  const deepest = (await db.query("select 'prom_b20' as id")).rows[0].id
  const up = await timeRequests(`http://localhost:${port}/admin/promoters/${deepest}/upline`, auth)
  const upCheck = await (await fetch(`http://localhost:${port}/admin/promoters/${deepest}/upline`, { headers: auth })).json()
  if (upCheck.upline.length !== 19) throw new Error(`upline of depth 20 has ${upCheck.upline.length} sponsors`)
  rows.push({
    name: `Upline of a promoter at depth 20 in a tree of ${size.promoters.toLocaleString("en")} (HTTP, with profiles)`,
    ours: `p50 ${ms(up.p50)}, p99 ${ms(up.p99)}`,
    anchor: `GET /health p50 ${ms(health.p50)}`,
    ratio: `${(up.p50 / health.p50).toFixed(1)}× /health`,
    target: "< 5 ms",
    met: up.p50 < 5,
  })
  await db.end()

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`
  const table = [
    "| Benchmark | Ours | Anchor (same run) | Ratio | Target | Met |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.name} | ${r.ours} | ${r.anchor} | ${r.ratio} | ${r.target} | ${r.met ? "yes" : "no"} |`),
  ].join("\n")
  console.log(`\n${table}\n`)
  const md = `# Benchmarks\n\n\`npm run bench${quick ? " -- --quick" : ""}\` on ${new Date().toISOString().slice(0, 10)}: ${machine}.\n\n${table}\n\n` +
    "Each row measures both sides in the same run on the same machine; absolute times vary between runs here, ratios less so.\n" +
    "Not measured yet: the order pipeline (order.placed → attribution → commissions → rule actions at a steady rate).\n"
  fs.writeFileSync(path.join(root, "BENCHMARKS.md"), md)
}

main()
  .then(cleanup)
  .catch(async (error) => {
    console.error(error)
    await cleanup()
    process.exit(1)
  })
