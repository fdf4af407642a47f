#!/usr/bin/env node
// `npm test`: builds the plugin, picks a database (DATABASE_URL / DB_* if set, else an embedded PostgreSQL in
// .test-db/), then runs every Jest test: unit, module and HTTP integration against the real server, in two Jest
// processes at once (TEST_PROCESSES). Extra arguments go to one Jest process, e.g.
// `npm test -- integration-tests/http/foundation.spec.ts`.
import path from "node:path"
import { externalDatabase, startEmbeddedPostgres } from "./lib/database.mjs"
import fs from "node:fs"
import { buildDemoAdmin } from "./lib/admin.mjs"
import { baseEnv, buildPlugin, root, run } from "./lib/plugin.mjs"
import os from "node:os"
import { partition, readWeights, runLabelled, weightsFromOutput } from "./lib/jest-groups.mjs"

const WEIGHTS = path.join(root, "scripts", "test-weights.json")

/**
 * The whole suite in `count` Jest processes at once, each `--runInBand`, the files spread by how long each took
 * (scripts/test-weights.json; `UPDATE_TEST_WEIGHTS=1 npm test` rewrites it from the run). Exit code: the first failing
 * process's, else 0.
 */
async function runGroups(jest, env, count) {
  const listed = await run(jest, ["--listTests", "--json"], { env, quiet: true })
  const files = JSON.parse(listed.slice(listed.indexOf("["))).map((f) => path.relative(root, f)).sort()
  const groups = partition(files, readWeights(WEIGHTS), count).filter((g) => g.files.length)
  const labels = "abcdefgh"
  const started = Date.now()
  const outputs = groups.map(() => [])
  groups.forEach((g, i) => console.log(`[test] process ${labels[i]}: ${g.files.length} files, about ${Math.round(g.total)} s`))
  const codes = await Promise.all(
    groups.map((g, i) =>
      runLabelled(labels[i], jest, ["--runInBand", "--forceExit", "--runTestsByPath", ...g.files], {
        cwd: root,
        // Each process gets half the heap the single process had: they hold one Medusa app at a time each.
        env: { ...env, NODE_OPTIONS: env.NODE_OPTIONS.replace(/--max-old-space-size=\d+/, "--max-old-space-size=6144") },
        // Kept only to rewrite the weights file.
        collect: process.env.UPDATE_TEST_WEIGHTS ? outputs[i] : undefined,
      })
    )
  )
  const seconds = Math.round((Date.now() - started) / 1000)
  groups.forEach((g, i) => console.log(`[test] process ${labels[i]} (${g.files.length} files): ${codes[i] === 0 ? "passed" : `FAILED (exit ${codes[i]})`}`))
  console.log(`[test] ${groups.length} processes finished in ${seconds} s`)
  if (process.env.UPDATE_TEST_WEIGHTS) {
    const measured = Object.assign({}, ...outputs.map((o) => weightsFromOutput(o.join(""), root)))
    fs.writeFileSync(WEIGHTS, `${JSON.stringify(Object.fromEntries(Object.entries(measured).sort()), null, 2)}\n`)
    console.log(`[test] wrote ${path.relative(root, WEIGHTS)}`)
  }
  return codes.find((c) => c !== 0) ?? 0
}

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
  const jest = path.join(root, "node_modules", ".bin", "jest")
  const processes = args.length ? 1 : Math.max(1, Number(process.env.TEST_PROCESSES ?? Math.min(2, os.cpus().length)))
  if (processes === 1) {
    await run(jest, ["--runInBand", "--forceExit", ...args], { env })
  } else {
    code = await runGroups(jest, env, processes)
  }
} catch (error) {
  code = typeof error.code === "number" && error.code > 0 ? error.code : 1
  if (!String(error.message).includes("jest")) console.error(error)
} finally {
  await stop()
}
process.exit(code)
