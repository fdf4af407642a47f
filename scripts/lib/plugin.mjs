// Builds the plugin package and makes it resolvable by name, so the demo store and the tests load it the way a
// store that installed it from npm does (resolve: "medusa-plugin-promoter" → .medusa/server).
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..")
export const medusaBin = path.join(root, "node_modules", ".bin", "medusa")

export function run(cmd, args, { cwd = root, env = process.env, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" })
    let output = ""
    if (quiet) {
      child.stdout.on("data", (d) => (output += d))
      child.stderr.on("data", (d) => (output += d))
    }
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      if (code === 0) resolve(output)
      else reject(Object.assign(new Error(`${cmd} ${args.join(" ")} exited with ${code ?? signal}\n${output}`), { code }))
    })
  })
}

export function linkSelf() {
  const { name } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
  const target = path.join(root, "node_modules", ...name.split("/"))
  fs.mkdirSync(path.dirname(target), { recursive: true })
  try {
    const current = fs.readlinkSync(target)
    if (path.resolve(path.dirname(target), current) === root) return
    fs.rmSync(target, { recursive: true, force: true })
  } catch {
    fs.rmSync(target, { recursive: true, force: true })
  }
  fs.symlinkSync(path.relative(path.dirname(target), root) || ".", target, "dir")
}

/**
 * The portal bundle first (scripts/build-portal.mjs), then `medusa plugin:build`. Locally the bundle is rewritten
 * from src/portal, so a run tests what the sources say; in CI it is only checked, so a stale committed bundle (what a
 * fresh clone builds) fails here instead of being fixed on the CI machine alone.
 */
export async function buildPlugin(env) {
  await run(process.execPath, [path.join(root, "scripts", "build-portal.mjs"), ...(env.CI ? ["--check"] : [])], { env, quiet: true })
  await run(medusaBin, ["plugin:build"], { env, quiet: true })
  linkSelf()
}

export function baseEnv(extra = {}) {
  return { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", ...extra }
}
