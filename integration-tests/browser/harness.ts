// Browser tests run against the demo store as a store owner runs it: its own database (migrated and seeded by the
// same commands as `npm run demo`), the dashboard built with this plugin's extensions, `medusa start` as a separate
// process, and Debian's Chromium driven by playwright-core.
import { streetOf } from "../helpers/checkout"
import { execFile } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { promisify } from "node:util"
import { Client } from "pg"
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core"
import { startStoreProcess, type StoreProcess } from "../helpers/store-process"

const root = path.join(__dirname, "../..")
const demoDir = path.join(root, "demo")
const medusa = path.join(root, "node_modules/.bin/medusa")
export const artifactsDir = path.join(root, "artifacts", "browser")
const exec = promisify(execFile)

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
export const chromiumAvailable = fs.existsSync(CHROMIUM)

export type DemoInfo = {
  admin: { email: string; password: string }
  publishableKey: string
  promoters: { name: string; email: string; password?: string; code: string; level: number; shortLink: string; coupons: string[] }[]
}

export type BrowserDemo = {
  baseUrl: string
  info: DemoInfo
  databaseUrl: string
  store: StoreProcess
  browser: Browser
  /** A fresh browser context (its own cookies) with console-error and failed-request capture. */
  newPage: (options?: { userAgent?: string }) => Promise<{ page: Page; context: BrowserContext; problems: string[] }>
  screenshot: (page: Page, name: string) => Promise<string>
  stop: () => Promise<void>
}

function databaseBase(): { url: (db: string) => string; admin: string } {
  const host = process.env.DB_HOST ?? "localhost"
  const port = process.env.DB_PORT ?? "5432"
  const user = encodeURIComponent(process.env.DB_USERNAME ?? "postgres")
  const password = process.env.DB_PASSWORD ? `:${encodeURIComponent(process.env.DB_PASSWORD)}` : ""
  const url = (db: string) => `postgres://${user}${password}@${host}:${port}/${db}`
  return { url, admin: url("postgres") }
}

async function createDatabase(name: string) {
  const client = new Client({ connectionString: databaseBase().admin })
  await client.connect()
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await client.query(`CREATE DATABASE "${name}"`)
  } finally {
    await client.end()
  }
}

async function dropDatabase(name: string) {
  const client = new Client({ connectionString: databaseBase().admin })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined)
  await client.end()
}

async function medusaCli(args: string[], env: NodeJS.ProcessEnv) {
  try {
    await exec(medusa, args, { cwd: demoDir, env, maxBuffer: 64 * 1024 * 1024 })
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string }
    throw new Error(`medusa ${args.join(" ")} failed: ${e.message}\n${(e.stdout ?? "").slice(-2000)}\n${(e.stderr ?? "").slice(-2000)}`)
  }
}

/** `env`: more environment for the store process (e.g. STOREFRONT_URL, where short links send visitors). */
export async function startBrowserDemo(name: string, { env: storeEnv = {} }: { env?: Record<string, string> } = {}): Promise<BrowserDemo> {
  if (!chromiumAvailable) throw new Error(`No Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`)
  const dbName = `promoter_browser_${name}_${process.pid}`
  await createDatabase(dbName)
  const databaseUrl = databaseBase().url(dbName)
  const infoFile = path.join(root, ".medusa", `browser-demo-info-${name}-${process.pid}.json`)
  const env = {
    ...process.env,
    NODE_OPTIONS: "",
    DATABASE_URL: databaseUrl,
    DB_HOST: "",
    DEMO_INFO_FILE: infoFile,
    MEDUSA_DISABLE_TELEMETRY: "true",
  }
  await medusaCli(["db:migrate", "--execute-safe-links"], env)
  await medusaCli(["exec", "./seed.ts"], env)
  // The dashboard itself is built by scripts/test.mjs (scripts/lib/admin.mjs) before Jest starts.
  if (!fs.existsSync(path.join(demoDir, "public/admin/index.html"))) {
    throw new Error("demo/public/admin is missing: run the tests through `npm test`, which builds the dashboard")
  }
  const store = await startStoreProcess({
    databaseUrl,
    env: { NODE_ENV: "production", MEDUSA_ADMIN_DISABLED: "false", DEMO_INFO_FILE: infoFile, ...storeEnv },
  })
  const baseUrl = `http://localhost:${store.port}`
  const info = JSON.parse(fs.readFileSync(infoFile, "utf8")) as DemoInfo
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })
  fs.mkdirSync(artifactsDir, { recursive: true })
  return {
    baseUrl,
    info,
    databaseUrl,
    store,
    browser,
    newPage: async ({ userAgent } = {}) => {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 960 }, userAgent })
      // This machine has no Internet, and Medusa's own dashboard loads a few images from CDNs (country flags on
      // customer and order pages). They are answered with an empty response so that only our pages' problems count.
      await context.route(
        (url) => url.hostname !== "localhost" && url.hostname !== "127.0.0.1",
        (route) => route.fulfill({ status: 200, contentType: "image/svg+xml", body: '<svg xmlns="http://www.w3.org/2000/svg"/>' })
      )
      const page = await context.newPage()
      const problems: string[] = []
      page.on("console", (msg) => {
        if (msg.type() === "error") problems.push(`console: ${msg.text()}`)
      })
      page.on("pageerror", (err) => problems.push(`page error: ${err.message}`))
      page.on("requestfailed", (req) => problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText}`))
      page.on("response", (res) => {
        if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`)
      })
      return { page, context, problems }
    },
    screenshot: async (page, shot) => {
      const file = path.join(artifactsDir, `${shot}.png`)
      await page.screenshot({ path: file, fullPage: true })
      return file
    },
    stop: async () => {
      await browser.close().catch(() => undefined)
      await store.stop()
      await dropDatabase(dbName)
      fs.rmSync(infoFile, { force: true })
    },
  }
}

/** Logs in to the Medusa admin with the demo's admin account. */
export async function adminLogin(page: Page, demo: BrowserDemo, problems: string[] = []) {
  await page.goto("/app/login")
  try {
    await page.locator('input[name="email"]').fill(demo.info.admin.email, { timeout: 60_000 })
    await page.locator('input[name="password"]').fill(demo.info.admin.password)
    await page.getByRole("button", { name: /continue with email/i }).click()
    await page.waitForURL((url) => !url.pathname.includes("/login"), { timeout: 60_000 })
  } catch (error) {
    await demo.screenshot(page, "admin-login-failed")
    throw new Error(`${(error as Error).message}\nproblems: ${problems.join("\n")}`)
  }
}

/** A guest shopper's checkout through the store API (cart, address, shipping, payment, complete). */
export async function storeCheckout(
  demo: BrowserDemo,
  { email, promoCodes = [], currency = "usd", country = "us", street }: { email: string; promoCodes?: string[]; currency?: string; country?: string; street?: string }
): Promise<{ id: string; customer_id: string }> {
  const headers = { "content-type": "application/json", "x-publishable-api-key": demo.info.publishableKey }
  const call = async (path: string, body?: unknown) => {
    const res = await fetch(`${demo.baseUrl}${path}`, { method: body === undefined ? "GET" : "POST", headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const json = await res.json()
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`)
    return json
  }
  const { regions } = await call("/store/regions")
  const region = regions.find((r: { currency_code: string }) => r.currency_code === currency)
  const { products } = await call(`/store/products?region_id=${region.id}&fields=*variants`)
  const { cart } = await call("/store/carts", { region_id: region.id, email })
  await call(`/store/carts/${cart.id}/line-items`, { variant_id: products[0].variants[0].id, quantity: 1 })
  await call(`/store/carts/${cart.id}`, {
    shipping_address: { first_name: "Pat", last_name: "Shopper", address_1: street ?? streetOf(email), city: "Austin", country_code: country, postal_code: "73301" },
  })
  const { shipping_options } = await call(`/store/shipping-options?cart_id=${cart.id}`)
  await call(`/store/carts/${cart.id}/shipping-methods`, { option_id: shipping_options[0].id })
  if (promoCodes.length) await call(`/store/carts/${cart.id}/promotions`, { promo_codes: promoCodes })
  const { payment_collection } = await call("/store/payment-collections", { cart_id: cart.id })
  await call(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
  const done = await call(`/store/carts/${cart.id}/complete`, {})
  if (done.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(done).slice(0, 300)}`)
  return done.order
}

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export async function until<T>(check: () => Promise<T | undefined | false>, { timeout = 30_000, every = 300 } = {}): Promise<T> {
  const end = Date.now() + timeout
  for (;;) {
    const value = await check().catch(() => undefined)
    if (value !== undefined && value !== false) return value as T
    if (Date.now() > end) throw new Error("timed out waiting")
    await new Promise((r) => setTimeout(r, every))
  }
}
