#!/usr/bin/env node
// The store owner's path, end to end: pack the plugin, install the tarball into a fresh Medusa store made in a
// temporary folder (its package.json and medusa-config.ts written here the way the README's "Install into your
// store" says), build it (`medusa build`: backend and the admin with the plugin's extensions), migrate, start it, and
// run a smoke test over real HTTP: admin log-in, a promoter, its short link (302 + cookie), a coupon, a guest order
// with the coupon through the store API, the order's attribution, and an invitation through the local notification
// provider; then it removes the plugin the way the README says and checks no table of it is left.
//
//   node scripts/store-owner-check.mjs [version …] [--skip-build] [--keep] [--embedded]
//
// version: a Medusa 2 release (default: the @medusajs/medusa devDependency); several install at once, then run one
// after another, on the same tarball. --skip-build packs the .medusa/server already built. --keep leaves the store folder (and prints it).
// --embedded uses an embedded PostgreSQL even when localhost:5432 answers.
// Database: the PostgreSQL on localhost:5432 when one answers (user postgres; a throwaway database per run, dropped
// at the end), else an embedded one in the store folder. Every stage is timed.
import { spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import net from "node:net"
import os from "node:os"
import path from "node:path"
import { freePort, startEmbeddedPostgres } from "./lib/database.mjs"
import { medusaBin, root, run } from "./lib/plugin.mjs"

const argv = process.argv.slice(2)
const flags = new Set(argv.filter((a) => a.startsWith("--")))
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
const versions = argv.filter((a) => !a.startsWith("--"))
if (!versions.length) versions.push(pkg.devDependencies["@medusajs/medusa"])

const ADMIN = { email: "owner@example.com", password: "store-owner-check" }
const STOREFRONT = "https://shop.example.com"

// Interrupted (Ctrl-C, a CI timeout): stop the store, drop the database, remove the folder, as a finished run does.
const cleanups = new Set()
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    for (const cleanup of [...cleanups].reverse()) await cleanup().catch(() => {})
    process.exit(130)
  })
}

const timings = []
async function stage(label, name, fn) {
  const started = Date.now()
  const prefix = `[store-check${label ? ` ${label}` : ""}]`
  process.stdout.write(`${prefix} ${name} …\n`)
  let failed = true
  try {
    const result = await fn()
    failed = false
    return result
  } finally {
    const seconds = (Date.now() - started) / 1000
    timings.push({ label, name: failed ? `${name} (FAILED)` : name, seconds })
    process.stdout.write(`${prefix} ${name}: ${failed ? "FAILED after " : ""}${seconds.toFixed(1)} s\n`)
  }
}

function portAnswers(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host })
    socket.setTimeout(1000)
    socket.on("connect", () => (socket.destroy(), resolve(true)))
    socket.on("error", () => resolve(false))
    socket.on("timeout", () => (socket.destroy(), resolve(false)))
  })
}

function secret() {
  return crypto.randomBytes(32).toString("hex")
}

function assert(condition, message, detail) {
  if (!condition) throw new Error(`${message}${detail === undefined ? "" : `\n${JSON.stringify(detail, null, 2).slice(0, 2000)}`}`)
}

// ---------------------------------------------------------------------------------------------- the store's files

function storePackageJson(version, tarball) {
  // What `create-medusa-app` gives a store, cut to what this check needs, plus the plugin.
  return {
    name: "my-medusa-store",
    version: "0.0.1",
    private: true,
    scripts: { build: "medusa build", start: "medusa start", dev: "medusa develop" },
    dependencies: {
      "@medusajs/admin-sdk": version,
      "@medusajs/cli": version,
      "@medusajs/framework": version,
      "@medusajs/medusa": version,
      "medusa-plugin-promoter": `file:${tarball}`,
    },
    // The Medusa CLI loads medusa-config.ts and the store's TypeScript through ts-node (with swc).
    devDependencies: {
      "@swc/core": pkg.devDependencies["@swc/core"],
      "@types/node": pkg.devDependencies["@types/node"],
      "ts-node": pkg.devDependencies["ts-node"],
      typescript: pkg.devDependencies.typescript,
    },
    engines: { node: ">=20" },
  }
}

// The README's "Install into your store" configuration (keep the two in step), and the notification set-up it
// documents for invitations.
const MEDUSA_CONFIG = `import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS!,
      adminCors: process.env.ADMIN_CORS!,
      authCors: process.env.AUTH_CORS!,
      jwtSecret: process.env.JWT_SECRET!,
      cookieSecret: process.env.COOKIE_SECRET!,
    },
  },
  plugins: [
    {
      resolve: "medusa-plugin-promoter",
      options: {
        storefrontUrl: process.env.STOREFRONT_URL,
        publicUrl: process.env.MEDUSA_BACKEND_URL,
        cookieSecret: process.env.PROMOTER_COOKIE_SECRET,
        ipHashSalt: process.env.PROMOTER_IP_SALT,
      },
    },
  ],
  modules: [
    {
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          {
            resolve: "@medusajs/medusa/notification-local",
            id: "local",
            options: { channels: ["email"] },
          },
        ],
      },
    },
  ],
})
`

const TSCONFIG = {
  compilerOptions: {
    target: "ES2021",
    esModuleInterop: true,
    module: "Node16",
    moduleResolution: "Node16",
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    skipLibCheck: true,
    skipDefaultLibCheck: true,
    declaration: false,
    sourceMap: false,
    inlineSourceMap: true,
    outDir: "./.medusa/server",
    rootDir: "./",
    jsx: "react-jsx",
    forceConsistentCasingInFileNames: true,
    resolveJsonModule: true,
    checkJs: false,
    strict: true,
  },
  "ts-node": { swc: true },
  include: ["**/*", ".medusa/types/*"],
  // The check's seed (the demo fixture, written against the repository's Medusa) is run, not built.
  exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache", "seed"],
}

// Store code that uses the plugin's exported helpers. `medusa build` type-checks it (strict) against the shipped
// .d.ts: without them it fails with TS7016.
const USES_PLUGIN_TS = `import { registerSummaryWriter } from "medusa-plugin-promoter/lib/insights"
import { registerFact } from "medusa-plugin-promoter/lib/rules-engine"

export function phraseSummariesOurWay(): void {
  registerSummaryWriter({ name: "ours", write: async () => "This week in one line." })
}
export const registerFactType: typeof registerFact = registerFact
`

// Seeds a region, sales channel, publishable key, stock location with shipping and a product with a price, the
// demo's fixture (demo/fixtures/store.ts) copied into the store; writes what it made to SEED_OUT.
const SEED_SCRIPT = `import fs from "node:fs"
import { seedStore } from "./store-fixture"

export default async function seed({ container }: { container: any }) {
  const fixture = await seedStore(container)
  fs.writeFileSync(process.env.SEED_OUT as string, JSON.stringify(fixture))
}
`

function configVariables() {
  return [...MEDUSA_CONFIG.matchAll(/process\.env\.([A-Z_]+)/g)].map((m) => m[1]).filter((n) => n !== "NODE_ENV")
}

/** The variables the store's config reads must all be named in .env.template (the README sends owners there). */
function checkEnvTemplate() {
  const template = fs.readFileSync(path.join(root, ".env.template"), "utf8")
  const named = new Set([...template.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]))
  const missing = configVariables().filter((n) => !named.has(n))
  assert(!missing.length, `.env.template does not name ${missing.join(", ")}`)
}

// ---------------------------------------------------------------------------------------------- database

async function openDatabase(dir, label) {
  if (!flags.has("--embedded") && (await portAnswers(5432))) {
    const { default: pg } = await import("pg")
    const name = `promoter_store_check_${label.replace(/\W/g, "_")}_${process.pid}`
    const admin = { host: "localhost", port: 5432, user: "postgres", database: "postgres" }
    const client = new pg.Client(admin)
    await client.connect()
    await client.query(`drop database if exists "${name}"`)
    await client.query(`create database "${name}"`)
    await client.end()
    return {
      url: `postgres://postgres@localhost:5432/${name}`,
      where: "localhost:5432",
      async close() {
        const c = new pg.Client(admin)
        await c.connect()
        await c.query(`drop database if exists "${name}" with (force)`)
        await c.end()
      },
    }
  }
  const db = await startEmbeddedPostgres({ dir: path.join(dir, ".db") })
  await db.createDatabase("store")
  return {
    url: `postgres://${db.user}:${db.password}@localhost:${db.port}/store`,
    where: `embedded on ${db.port}`,
    close: () => db.stop(),
  }
}

// ---------------------------------------------------------------------------------------------- the store process

async function startStore({ cwd, env }) {
  const child = spawn(path.join(cwd, "node_modules/.bin/medusa"), ["start"], { cwd, env, detached: true })
  let output = ""
  child.stdout.on("data", (d) => (output += d))
  child.stderr.on("data", (d) => (output += d))
  const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)))
  const started = Date.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The store exited early:\n${output.slice(-4000)}`)
    try {
      // Only this store's answer counts: a server that already held the port would answer too.
      if ((await fetch(`http://localhost:${env.PORT}/health`)).ok && child.exitCode === null && /ready|started|listening/i.test(output)) break
    } catch {
      // not up yet
    }
    if (Date.now() - started > 180_000) {
      process.kill(-child.pid, "SIGKILL")
      throw new Error(`The store did not answer /health in 180 s:\n${output.slice(-4000)}`)
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  return {
    output: () => output,
    async stop() {
      try {
        process.kill(-child.pid, "SIGTERM")
      } catch {
        return
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, "SIGKILL")
        } catch {
          // gone
        }
      }, 15_000)
      await exited
      clearTimeout(timer)
    },
  }
}

// ---------------------------------------------------------------------------------------------- the smoke run

function client(base) {
  return async function call(method, url, { body, headers = {}, expect = [200, 201] } = {}) {
    const res = await fetch(`${base}${url}`, {
      method,
      redirect: "manual",
      headers: { ...(body ? { "content-type": "application/json" } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    let json = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = null
    }
    assert(expect.includes(res.status), `${method} ${url} answered ${res.status}, expected ${expect.join("/")}`, json ?? text.slice(0, 500))
    return { status: res.status, headers: res.headers, json, text }
  }
}

async function smoke({ base, fixture, store }) {
  const call = client(base)
  const pk = { "x-publishable-api-key": fixture.publishableKey }
  const log = (m) => process.stdout.write(`  ${m}\n`)

  const adminPage = await call("GET", "/app", { expect: [200] })
  assert(/<div id="medusa"|<html/i.test(adminPage.text), "the admin dashboard is not served at /app")
  log("admin dashboard served at /app")

  const login = await call("POST", "/auth/user/emailpass", { body: ADMIN })
  const admin = { authorization: `Bearer ${login.json.token}` }
  log("admin logged in")

  const { json: created } = await call("POST", "/admin/promoters", {
    headers: admin,
    body: { name: "Store Owner Check", email: "promoter@example.com", referral_code: "owner-check", status: "active" },
  })
  const promoter = created.promoter
  assert(promoter.referral_code === "OWNER-CHECK", "the promoter's vanity code", promoter)
  log(`promoter ${promoter.id} (${promoter.referral_code})`)

  const link = await call("GET", `/r/${promoter.referral_code}?utm_source=smoke`, { expect: [302] })
  const location = link.headers.get("location") ?? ""
  assert(location.startsWith(STOREFRONT) && location.includes(`ref=${promoter.referral_code}`), "short link target", location)
  assert((link.headers.get("set-cookie") ?? "").length > 0, "the short link sets the visitor cookie")
  log(`short link → 302 ${location}, cookie set`)

  const { json: coupon } = await call("POST", `/admin/promoters/${promoter.id}/coupons`, {
    headers: admin,
    body: { code: "OWNERCHECK15", type: "percentage", value: 15 },
  })
  assert(coupon.coupon?.code === "OWNERCHECK15", "the coupon", coupon)
  log(`coupon ${coupon.coupon.code}`)

  // A guest checkout through Medusa's store API, with the coupon.
  const { json: cart } = await call("POST", "/store/carts", {
    headers: pk,
    body: { region_id: fixture.regions.usd, email: "guest@example.com", sales_channel_id: fixture.salesChannelId },
  })
  const cartId = cart.cart.id
  await call("POST", `/store/carts/${cartId}/line-items`, { headers: pk, body: { variant_id: fixture.products[0].variantId, quantity: 1 } })
  await call("POST", `/store/carts/${cartId}`, {
    headers: pk,
    body: {
      shipping_address: { first_name: "Gus", last_name: "Guest", address_1: "1 Main St", city: "Austin", country_code: "us", postal_code: "73301" },
    },
  })
  await call("POST", `/store/carts/${cartId}/shipping-methods`, { headers: pk, body: { option_id: fixture.shippingOptionId } })
  await call("POST", `/store/carts/${cartId}/promotions`, { headers: pk, body: { promo_codes: ["OWNERCHECK15"] } })
  const { json: pc } = await call("POST", "/store/payment-collections", { headers: pk, body: { cart_id: cartId } })
  await call("POST", `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, {
    headers: pk,
    body: { provider_id: "pp_system_default" },
  })
  const { json: completed } = await call("POST", `/store/carts/${cartId}/complete`, { headers: pk })
  assert(completed.type === "order", "the cart completes to an order", completed)
  const order = completed.order
  assert(Number(order.discount_total) > 0, "the coupon discounts the order", order)
  log(`guest order ${order.id}: total ${order.total}, discount ${order.discount_total}`)

  // order.placed → the plugin's subscriber attributes the order (asynchronously).
  let attribution = null
  for (const started = Date.now(); Date.now() - started < 30_000; ) {
    const res = await call("GET", `/admin/orders/${order.id}/promoter-attribution`, { headers: admin, expect: [200, 404] })
    if (res.status === 200) {
      attribution = res.json.attribution
      break
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  assert(attribution, "the order was not attributed within 30 s")
  assert(
    attribution.promoter_id === promoter.id && attribution.decided_by === "coupon",
    "the order is attributed to the coupon's promoter, by the coupon",
    attribution
  )
  log(`attribution: ${attribution.promoter?.referral_code}, decided by ${attribution.decided_by}`)

  // A customer enrols under the promoter and sends an invitation by e-mail (notification-local, channel email).
  const customer = { email: "casey@example.com", password: "casey-password" }
  const registered = await call("POST", "/auth/customer/emailpass/register", { body: customer })
  await call("POST", "/store/customers", {
    headers: { ...pk, authorization: `Bearer ${registered.json.token}` },
    body: { email: customer.email, first_name: "Casey", last_name: "Customer" },
  })
  const customerLogin = await call("POST", "/auth/customer/emailpass", { body: customer })
  const shopper = { ...pk, authorization: `Bearer ${customerLogin.json.token}` }
  await call("POST", "/store/promoters/me", { headers: shopper, body: { sponsor_code: promoter.referral_code } })
  await call("POST", "/store/promoters/me/invitations", {
    headers: shopper,
    body: { email: "friend@example.com", name: "Fran" },
  })
  const { json: notifications } = await call("GET", "/admin/notifications?limit=20", { headers: admin })
  const sent = notifications.notifications.find((n) => n.to === "friend@example.com" && n.template === "promoter-invitation")
  assert(sent && sent.channel === "email", "the invitation is a notification on the email channel", notifications)
  assert(store.output().includes("friend@example.com"), "the local provider logged the invitation")
  log(`invitation → notification ${sent.id} (${sent.channel}, ${sent.status ?? "sent"})`)
}

// ---------------------------------------------------------------------------------------------- removing it

const PLUGIN_MODULES = ["promoter", "promoter_attribution", "promoter_automation", "promoter_compensation", "promoter_insights", "promoter_risk", "promoter_webhooks"]
// The plugin's tables, and its two link tables (promoter_promoter_customer_customer, …_promotion_promotion); no table of
// Medusa's own starts so.
const PLUGIN_TABLE = /^(promoter|automation_|commission_|insight_)/ // and tables under the names before the prefix
const LINK_TABLE = /^promoter_promoter_(customer_customer|promotion_promotion)$/

async function pluginTables(db) {
  const { default: pg } = await import("pg")
  const c = new pg.Client({ connectionString: db.url })
  await c.connect()
  try {
    const { rows } = await c.query("select table_name from information_schema.tables where table_schema = 'public'")
    return rows.map((r) => r.table_name).filter((t) => PLUGIN_TABLE.test(t)).sort()
  } finally {
    await c.end()
  }
}

/** The README's "Removing the plugin", step by step: no table of the plugin may remain. */
async function removePlugin({ dir, env, db }) {
  const medusa = path.join(dir, "node_modules/.bin/medusa")
  const before = await pluginTables(db)
  assert(before.length > 20, "the plugin's tables before removal", before)
  // Each db:rollback reverts the latest migration of each module named, so it is run until only the link tables are
  // left (as many runs as the module with the most migrations has).
  let rollbacks = 0
  while (rollbacks < 10 && (await pluginTables(db)).some((t) => !LINK_TABLE.test(t))) {
    await run(medusa, ["db:rollback", ...PLUGIN_MODULES], { cwd: dir, env, quiet: true })
    rollbacks++
  }
  fs.writeFileSync(
    path.join(dir, "medusa-config.ts"),
    MEDUSA_CONFIG.replace(/ {2}plugins: \[[^]*?\n {2}\],\n/, "")
  )
  assert(!fs.readFileSync(path.join(dir, "medusa-config.ts"), "utf8").includes("medusa-plugin-promoter"), "plugin still configured")
  await run(medusa, ["db:sync-links", "--execute-all"], { cwd: dir, env, quiet: true })
  const after = await pluginTables(db)
  assert(!after.length, "tables the plugin left behind", after)
  process.stdout.write(
    `  removed: ${before.length} tables, by ${rollbacks} db:rollback run(s) and db:sync-links (${before.filter((t) => LINK_TABLE.test(t)).join(", ")})\n`
  )
}

// ---------------------------------------------------------------------------------------------- one version

// --reuse=DIR runs again in a store folder kept by --keep (npm install then only adds what changed).
const reuse = argv.find((a) => a.startsWith("--reuse="))?.slice("--reuse=".length)

function storeFolder(version) {
  const dir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), `promoter-store-${version}-`))
  if (reuse) fs.rmSync(path.join(dir, ".medusa"), { recursive: true, force: true })
  return dir
}

/** The fresh store's files and its npm install. Several versions install at once (network and disk, not CPU). */
function installStore({ version, tarball, dir }) {
  return stage(version, "install (npm install of a fresh store with the tarball)", async () => {
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(storePackageJson(version, tarball), null, 2))
    fs.writeFileSync(path.join(dir, "medusa-config.ts"), MEDUSA_CONFIG)
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2))
    fs.mkdirSync(path.join(dir, "seed"), { recursive: true })
    fs.mkdirSync(path.join(dir, "src/lib"), { recursive: true })
    fs.copyFileSync(path.join(root, "demo/fixtures/store.ts"), path.join(dir, "seed/store-fixture.ts"))
    fs.writeFileSync(path.join(dir, "seed/seed.ts"), SEED_SCRIPT)
    fs.writeFileSync(path.join(dir, "src/lib/uses-plugin.ts"), USES_PLUGIN_TS)
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, quiet: true })
    const installed = JSON.parse(fs.readFileSync(path.join(dir, "node_modules/@medusajs/medusa/package.json"), "utf8")).version
    assert(installed === version, `installed @medusajs/medusa ${installed}, wanted ${version}`)
  })
}

async function checkVersion({ version, dir, installed, tarball }) {
  const label = version
  let db = null
  let store = null
  const cleanup = async () => {
    if (store) await store.stop()
    if (db) await db.close()
    if (!flags.has("--keep") && !reuse) await fs.promises.rm(dir, { recursive: true, force: true })
  }
  cleanups.add(cleanup)
  try {
    await installed

    const env = {
      ...process.env,
      NODE_OPTIONS: "",
      MEDUSA_DISABLE_TELEMETRY: "true",
      DATABASE_URL: "",
      STORE_CORS: STOREFRONT,
      ADMIN_CORS: "http://localhost:9000",
      AUTH_CORS: STOREFRONT,
      JWT_SECRET: secret(),
      COOKIE_SECRET: secret(),
      STOREFRONT_URL: STOREFRONT,
      PORT: "",
      MEDUSA_BACKEND_URL: "",
      PROMOTER_COOKIE_SECRET: secret(),
      PROMOTER_IP_SALT: secret(),
    }
    delete env.REDIS_URL
    // The server's own URL only matters once it serves; its port is picked right before it starts (a port picked
    // minutes earlier may be taken by then on a busy machine).
    env.MEDUSA_BACKEND_URL = "http://localhost:9000"
    for (const name of Object.keys(env)) if (name.startsWith("DB_")) delete env[name]

    await stage(label, "build (medusa build: backend, type-checking store code that imports the plugin, + admin with its extensions)", async () => {
      await run(path.join(dir, "node_modules/.bin/medusa"), ["build"], { cwd: dir, env, quiet: true })
      assert(fs.existsSync(path.join(dir, ".medusa/server/public/admin/index.html")), "medusa build wrote no admin")
    })

    db = await stage(label, "database", () => openDatabase(dir, label))
    env.DATABASE_URL = db.url
    const medusa = path.join(dir, "node_modules/.bin/medusa")
    await stage(label, `migrate (medusa db:migrate, ${db.where})`, () => run(medusa, ["db:migrate"], { cwd: dir, env, quiet: true }))
    const seedOut = path.join(dir, "seed.json")
    await stage(label, "seed (medusa exec: region, channel, key, shipping, product)", () =>
      run(medusa, ["exec", "./seed/seed.ts"], { cwd: dir, env: { ...env, SEED_OUT: seedOut }, quiet: true })
    )
    const fixture = JSON.parse(fs.readFileSync(seedOut, "utf8"))
    await stage(label, "admin user (medusa user)", () =>
      run(medusa, ["user", "-e", ADMIN.email, "-p", ADMIN.password], { cwd: dir, env, quiet: true })
    )

    // The built server runs from .medusa/server, as Medusa's deployment guide says; its packages are the store's
    // (the guide's `npm install` there installs the same package.json), so they are linked rather than installed twice.
    const server = path.join(dir, ".medusa/server")
    fs.symlinkSync(path.join(dir, "node_modules"), path.join(server, "node_modules"), "dir")
    const port = await freePort()
    env.PORT = String(port)
    env.MEDUSA_BACKEND_URL = `http://localhost:${port}`
    store = await stage(label, "start (medusa start)", () => startStore({ cwd: server, env }))
    await stage(label, "smoke (HTTP)", () => smoke({ base: `http://localhost:${port}`, fixture, store }))
    await store.stop()
    store = null
    await stage(label, "remove (db:rollback of the plugin's modules, plugin out of the config, db:sync-links)", () =>
      removePlugin({ dir, env, db })
    )
    process.stdout.write(`[store-check ${label}] OK: Medusa ${version} with ${path.basename(tarball)}\n`)
  } catch (error) {
    // Said now: the clean-up below takes a while (a store's node_modules).
    console.error(`[store-check ${label}] FAILED: ${error.message}`)
    if (store) process.stdout.write(`--- the store's output (last 4000 characters) ---\n${store.output().slice(-4000)}\n`)
    throw error
  } finally {
    if (store) await store.stop()
    if (db) await db.close().catch((e) => console.error(`could not drop the check's database: ${e.message}`))
    if (flags.has("--keep") || reuse) process.stdout.write(`[store-check ${label}] store kept in ${dir}\n`)
    else await fs.promises.rm(dir, { recursive: true, force: true })
    cleanups.delete(cleanup)
  }
}

// ---------------------------------------------------------------------------------------------- main

const total = Date.now()
let failed = 0
try {
  checkEnvTemplate()
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), "promoter-pack-"))
  const tarball = await stage("", "pack (plugin build + npm pack)", async () => {
    if (!flags.has("--skip-build")) await run(medusaBin, ["plugin:build"], { quiet: true, env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" } })
    const out = await run("npm", ["pack", "--json", "--pack-destination", packDir], { quiet: true })
    const [{ filename }] = JSON.parse(out.slice(out.indexOf("[")))
    return path.join(packDir, filename)
  })
  const stores = versions.map((version) => {
    const dir = storeFolder(version)
    const installed = installStore({ version, tarball, dir })
    installed.catch(() => {}) // awaited, and reported, by its version's check
    return { version, dir, installed, tarball }
  })
  for (const store of stores) {
    try {
      await checkVersion(store)
    } catch {
      failed++ // said where it failed
    }
  }
  fs.rmSync(packDir, { recursive: true, force: true })
} catch (error) {
  failed++
  console.error(`[store-check] FAILED: ${error.message}`)
}
process.stdout.write("[store-check] timings:\n")
for (const t of timings) process.stdout.write(`  ${(t.label || "-").padEnd(8)} ${t.seconds.toFixed(1).padStart(6)} s  ${t.name}\n`)
process.stdout.write(`  total    ${((Date.now() - total) / 1000).toFixed(1).padStart(6)} s\n`)
process.exit(failed ? 1 : 0)
