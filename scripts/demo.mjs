#!/usr/bin/env node
// `npm run demo`: builds the plugin, starts PostgreSQL (embedded in .demo-db/ unless DATABASE_URL / DB_* is set),
// migrates, seeds (idempotent) and starts the demo store from demo/. Ctrl-C stops everything, the database too.
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { databaseUrl, ensureExternalDatabase, externalDatabase, startEmbeddedPostgres } from "./lib/database.mjs"
import { buildDemoAdmin } from "./lib/admin.mjs"
import { baseEnv, buildPlugin, medusaBin, root, run } from "./lib/plugin.mjs"

const DB_NAME = process.env.DEMO_DB_NAME ?? "promoter_demo"
const port = Number(process.env.PORT ?? 9000)
const demoDir = path.join(root, "demo")
const infoFile = path.join(root, ".medusa", "demo-info.json")

let embedded = null
let server = null
let stopping = false

async function shutdown(code) {
  if (stopping) return
  stopping = true
  if (server && server.exitCode === null) {
    console.log("\n[demo] stopping the store…")
    server.kill("SIGTERM")
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        server.kill("SIGKILL")
        resolve()
      }, 10000)
      server.once("exit", () => {
        clearTimeout(timer)
        resolve()
      })
    })
  }
  if (embedded) {
    console.log("[demo] stopping the embedded PostgreSQL…")
    await embedded.stop().catch((e) => console.error(e))
  }
  process.exit(code)
}
process.on("SIGINT", () => shutdown(0))
process.on("SIGTERM", () => shutdown(0))

async function waitForHealth() {
  for (let i = 0; i < 240; i++) {
    if (stopping) return false
    try {
      const res = await fetch(`http://localhost:${port}/health`)
      if (res.ok) return true
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  return false
}

try {
  const external = externalDatabase()
  let url
  if (external) {
    await ensureExternalDatabase(external, external.database ?? DB_NAME)
    url = databaseUrl(external, external.database ?? DB_NAME)
    console.log(`[demo] using the PostgreSQL at ${external.host}:${external.port}`)
  } else {
    embedded = await startEmbeddedPostgres({ dir: path.join(root, ".demo-db") })
    await embedded.createDatabase(DB_NAME)
    url = databaseUrl(embedded, DB_NAME)
    console.log(`[demo] embedded PostgreSQL started on port ${embedded.port} (data in .demo-db/)`)
  }
  const env = baseEnv({
    DATABASE_URL: url,
    DB_HOST: "",
    // The dashboard is served pre-built (demo/public/admin), as a store in production serves it.
    NODE_ENV: process.env.NODE_ENV ?? "production",
    PORT: String(port),
    MEDUSA_BACKEND_URL: process.env.MEDUSA_BACKEND_URL ?? `http://localhost:${port}`,
    DEMO_INFO_FILE: infoFile,
  })
  console.log("[demo] building the plugin…")
  await buildPlugin(env)
  await buildDemoAdmin(env)
  console.log("[demo] migrating…")
  await run(medusaBin, ["db:migrate", "--execute-safe-links"], { cwd: demoDir, env, quiet: true })
  console.log("[demo] seeding (idempotent)…")
  await run(medusaBin, ["exec", "./seed.ts"], { cwd: demoDir, env, quiet: true })
  console.log("[demo] starting the store…")
  server = spawn(medusaBin, ["start"], { cwd: demoDir, env, stdio: "inherit" })
  server.on("exit", (code) => {
    if (!stopping) {
      console.error(`[demo] the store exited (${code})`)
      shutdown(code ?? 1)
    }
  })
  if (await waitForHealth()) {
    printInfo(JSON.parse(fs.readFileSync(infoFile, "utf8")))
  }
} catch (error) {
  console.error(error.message ?? error)
  await shutdown(1)
}

function printInfo(info) {
  const lines = [
    "",
    "──────────────────────────────── Promoter demo store ────────────────────────────────",
    `Admin:            http://localhost:${port}/app   (${info.admin.email} / ${info.admin.password})`,
    `Publishable key:  ${info.publishableKey}`,
    `Health:           http://localhost:${port}/health`,
    `Promoter portal:  http://localhost:${port}/promoter   (log in as a promoter below)`,
    "",
    "Promoters:",
    ...(info.promoters ?? []).flatMap((p) => [
      `  ${p.name} (${p.code}, level ${p.level})`,
      ...(p.email ? [`    portal log-in: ${p.email} / ${p.password}`] : []),
      `    short link:   ${p.shortLink}`,
      ...(p.links ?? []).map((l) => `    ${l.slug.padEnd(12)}  ${l.url}`),
      `    QR (PNG):     ${p.qrPng}`,
      `    coupon:       ${p.coupons?.join(", ") || "-"}`,
    ]),
    "",
    "Ctrl-C stops the store and the database.",
    "─────────────────────────────────────────────────────────────────────────────────────",
  ]
  console.log(lines.join("\n"))
}
