// Builds the demo store's admin dashboard (Medusa's dashboard + this plugin's extensions from the built package)
// into demo/public/admin, where `medusa start` serves it. Skipped when nothing it is made from has changed.
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { medusaBin, root, run } from "./plugin.mjs"

const demoDir = path.join(root, "demo")
export const adminOutDir = path.join(demoDir, "public", "admin")

function hashInputs() {
  const hash = crypto.createHash("sha256")
  const pluginAdmin = path.join(root, ".medusa", "server", "src", "admin")
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else hash.update(entry.name).update(fs.readFileSync(file))
    }
  }
  walk(pluginAdmin)
  for (const pkg of ["@medusajs/dashboard", "@medusajs/admin-bundler"]) {
    hash.update(fs.readFileSync(path.join(root, "node_modules", pkg, "package.json")))
  }
  hash.update(fs.readFileSync(path.join(root, "medusa-config.ts")))
  hash.update(process.env.MEDUSA_ADMIN_BACKEND_URL ?? "")
  return hash.digest("hex")
}

export async function buildDemoAdmin(env, { log = console.log } = {}) {
  const stamp = path.join(adminOutDir, ".inputs-hash")
  const hash = hashInputs()
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === hash) {
    log("[admin] the dashboard build is up to date")
    return
  }
  log("[admin] building the dashboard with the plugin's extensions (about a minute)…")
  // --admin-only writes to demo/.medusa/admin; `medusa start` serves demo/public/admin.
  await run(medusaBin, ["build", "--admin-only"], { cwd: demoDir, env: { ...env, NODE_ENV: "production" }, quiet: true })
  fs.rmSync(adminOutDir, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(adminOutDir), { recursive: true })
  fs.renameSync(path.join(demoDir, ".medusa", "admin"), adminOutDir)
  fs.writeFileSync(stamp, hash)
}
