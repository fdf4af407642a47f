#!/usr/bin/env node
// `npm test`: builds the plugin, picks a database (DATABASE_URL / DB_* if set, else an embedded PostgreSQL in
// .test-db/), then runs every Jest test: unit, module and HTTP integration against the real server.
// Extra arguments go to Jest, e.g. `npm test -- integration-tests/http/foundation.spec.ts`.
import path from "node:path"
import { externalDatabase, startEmbeddedPostgres } from "./lib/database.mjs"
import fs from "node:fs"
import { buildDemoAdmin } from "./lib/admin.mjs"
import { baseEnv, buildPlugin, root, run } from "./lib/plugin.mjs"

const external = externalDatabase()
let embedded = null
const stop = async () => {
  if (embedded) await embedded.stop().catch(() => {})
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => stop().then(() => process.exit(130)))
}

let code = 0
try {
  const db = external ?? (embedded = await startEmbeddedPostgres({ dir: path.join(root, ".test-db") }))
  // @medusajs/test-utils reads DB_*; "localhost" rather than 127.0.0.1 (the latter turns SSL on and hangs).
  const host = db.host === "127.0.0.1" ? "localhost" : db.host
  const env = baseEnv({
    DB_HOST: host,
    DB_PORT: String(db.port),
    DB_USERNAME: db.user,
    DB_PASSWORD: db.password,
    DATABASE_URL: "",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
    // One Jest process runs every suite (--runInBand), each booting a Medusa app: the default heap ran out near the
    // end of the suite once it had grown past 40 files (the machines have 24 GiB).
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --experimental-vm-modules --max-old-space-size=8192`.trim(),
  })
  console.log(`[test] database: ${external ? "external" : "embedded"} PostgreSQL on ${host}:${db.port}`)
  console.log("[test] building the plugin (medusa plugin:build)")
  await buildPlugin(env)
  // Browser tests (integration-tests/browser) drive the real admin dashboard and the promoter portal in Debian's
  // Chromium. They need the dashboard built with the plugin's extensions, and a Chromium: CI installs one (.ci/run);
  // elsewhere they are skipped, loudly, when there is none.
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"
  const args = process.argv.slice(2)
  const wantsBrowser = args.length === 0 || args.some((a) => a.includes("browser"))
  if (wantsBrowser && fs.existsSync(chromium)) {
    await buildDemoAdmin(env, { log: (m) => console.log(m.replace("[admin]", "[test]")) })
  } else if (wantsBrowser) {
    if (process.env.CI) throw new Error(`[test] no Chromium at ${chromium}: CI must install it (apt-get install chromium)`)
    console.warn(`[test] WARNING: no Chromium at ${chromium}; the browser tests are SKIPPED (apt-get install chromium)`)
    env.SKIP_BROWSER_TESTS = "true"
  }
  await run(path.join(root, "node_modules", ".bin", "jest"), ["--runInBand", "--forceExit", ...args], {
    env,
  })
} catch (error) {
  code = typeof error.code === "number" && error.code > 0 ? error.code : 1
  if (!String(error.message).includes("jest")) console.error(error)
} finally {
  await stop()
}
process.exit(code)
