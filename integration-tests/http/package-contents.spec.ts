// What a store gets from `npm install medusa-plugin-promoter`: the file list of the real tarball (`npm pack
// --dry-run` over the build `npm test` has just made). No Medusa is booted; scripts/store-owner-check.mjs installs the
// tarball into a fresh store and runs it.
import { execFileSync } from "node:child_process"
import fs from "node:fs"
import { builtinModules } from "node:module"
import path from "node:path"

const root = path.join(__dirname, "../..")
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))

type PackedFile = { path: string; size: number }

const ADMIN_BUNDLE = ".medusa/server/src/admin/"

function dependenciesOf(name: string): string[] {
  // Read from node_modules: not every package exports its package.json.
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8"))
  return [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]
}

function packedFiles(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  })
  const [report] = JSON.parse(out.slice(out.indexOf("["))) as { files: PackedFile[] }[]
  return report.files.map((f) => f.path).sort()
}

/** Bare module specifiers a file loads: require(), import … from, import(), export … from. */
export function specifiersOf(source: string): string[] {
  const found = new Set<string>()
  const patterns = [
    /\brequire\(\s*["']([^"']+)["']\s*\)/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
    /^\s*(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
  ]
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.add(m[1])
  return [...found].filter((s) => !s.startsWith(".") && !s.startsWith("/"))
}

function packageName(specifier: string): string {
  const parts = specifier.split("/")
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]
}

/** The packages a file loads that the store will not have: not a dependency or peer of the plugin, not Node's own. */
export function undeclared(specifiers: string[], allowed: Set<string>): string[] {
  const builtins = new Set(builtinModules)
  return specifiers
    .filter((s) => !s.startsWith("node:") && !builtins.has(s) && !builtins.has(packageName(s)))
    .map(packageName)
    .filter((name) => !allowed.has(name))
}

describe("the published package", () => {
  let files: string[]
  beforeAll(() => {
    files = packedFiles()
  })

  it("ships no tests, no demo, no store configuration and no environment files", () => {
    const unwanted = files.filter(
      (f) =>
        /(^|\/)__tests__\//.test(f) ||
        /\.spec\.[cm]?[jt]s$/.test(f) ||
        /(^|\/)medusa-config\./.test(f) ||
        /(^|\/)demo\//.test(f) ||
        /(^|\/)integration-tests\//.test(f) ||
        /(^|\/)\.env(\.|$)/.test(f) ||
        /(^|\/)scripts\//.test(f) ||
        // The synthetic order-history generator is for tests only.
        /generate-history|lib\/insights\/generate\./.test(f)
    )
    expect(unwanted).toEqual([])
  })

  it("ships the licence, the README and the compiled server code with the admin bundle", () => {
    expect(files).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json"]))
    expect(files).toContain(".medusa/server/src/modules/promoter/index.js")
    expect(files).toContain(".medusa/server/src/admin/index.mjs")
    // The API reference, the same document the store serves at /promoter/openapi.json.
    expect(files).toContain("openapi.json")
    expect(files.some((f) => f.startsWith(".medusa/server/src/modules/promoter/migrations/"))).toBe(true)
    expect(fs.readFileSync(path.join(root, "LICENSE"), "utf8")).toMatch(new RegExp(`^${pkg.license} License`))
  })

  it("has a .d.ts next to the JS of every exported path, and every exported path resolves to a shipped file", () => {
    const shipped = new Set(files)
    const problems: string[] = []
    for (const [key, value] of Object.entries(pkg.exports as Record<string, string | Record<string, string>>)) {
      const targets = typeof value === "string" ? [value] : Object.values(value)
      for (const target of targets) {
        const relative = target.replace(/^\.\//, "")
        const matcher = new RegExp(`^${relative.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^]+")}$`)
        const matched = files.filter((f) => matcher.test(f))
        if (!matched.length) problems.push(`${key} → ${target}: no shipped file`)
        // The admin bundle (the ./admin entry, also under ./*) is Medusa's admin extension code, read by the store's
        // dashboard build, never imported by a store's own code; package.json is data.
        if (key === "./admin" || key === "./package.json") continue
        for (const js of matched.filter((f) => f.endsWith(".js") && !f.startsWith(ADMIN_BUNDLE))) {
          if (!shipped.has(js.replace(/\.js$/, ".d.ts"))) problems.push(`${key}: ${js} has no .d.ts`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it("loads at run time only packages a store has: its dependencies, its peers and Node's own", () => {
    const declared = new Set([pkg.name, ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})])
    // The admin bundle is compiled by the store's dashboard build (Vite), which resolves what it imports from the
    // store's @medusajs/dashboard installation (react, react-router-dom, …).
    const forAdmin = new Set([...declared, ...dependenciesOf("@medusajs/dashboard")])
    // Declarations name types where TypeScript found them: a few live in @medusajs/framework's own packages
    // (@medusajs/types, @medusajs/orchestration), installed wherever the framework is. Type-only; never loaded.
    const forTypes = new Set([...declared, ...dependenciesOf("@medusajs/framework")])
    const problems: string[] = []
    for (const file of files.filter((f) => /\.(c|m)?js$/.test(f) || f.endsWith(".d.ts"))) {
      const source = fs.readFileSync(path.join(root, file), "utf8")
      const allowed = file.startsWith(ADMIN_BUNDLE) ? forAdmin : file.endsWith(".d.ts") ? forTypes : declared
      for (const name of undeclared(specifiersOf(source), allowed)) problems.push(`${file}: ${name}`)
    }
    expect(problems).toEqual([])
  })

  it("ships the storefront helper (medusa-plugin-promoter/storefront) with its types, loading nothing: no package, no Node module", () => {
    expect(pkg.exports["./storefront"]).toBe("./.medusa/server/src/storefront/index.js")
    expect(files).toEqual(expect.arrayContaining([".medusa/server/src/storefront/index.js", ".medusa/server/src/storefront/index.d.ts"]))
    // TypeScript under `"moduleResolution": "node"` (the Next.js starter's) ignores `exports`: typesVersions points it at the types.
    expect(pkg.typesVersions["*"].storefront).toEqual([".medusa/server/src/storefront/index.d.ts"])
    // It runs in edge middleware (the Next.js starter's) and browsers: not even node: modules, Buffer or process.
    const js = fs.readFileSync(path.join(root, ".medusa/server/src/storefront/index.js"), "utf8")
    expect(specifiersOf(js)).toEqual([])
    expect(js).not.toMatch(/\brequire\(|\bimport\(|\bBuffer\b|\bprocess\./)
    const types = fs.readFileSync(path.join(root, ".medusa/server/src/storefront/index.d.ts"), "utf8")
    for (const name of ["referralFromUrl", "referralCookie", "readReferralCookie", "promoterHeaders", "Referral"]) expect(types).toContain(name)
  })

  it("ships the promoter portal as its bundle, the one the sources make, and not its browser sources", () => {
    expect(files).toContain(".medusa/server/src/lib/portal/bundle.generated.js")
    // src/portal is bundled into that file (scripts/build-portal.mjs); compiled on its own it would ship twice.
    expect(files.filter((f) => f.startsWith(".medusa/server/src/portal/"))).toEqual([])
    const shipped = require(path.join(root, ".medusa/server/src/lib/portal/bundle.generated.js")) as { PORTAL_SCRIPT: string }
    const source = require(path.join(root, "src/lib/portal/bundle.generated.ts")) as { PORTAL_SCRIPT: string }
    expect(shipped.PORTAL_SCRIPT === source.PORTAL_SCRIPT).toBe(true)
  })

  it("the load check finds an undeclared package (a compiled unit test requiring fast-check)", () => {
    const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)])
    const compiledTest = 'const fc = __importStar(require("fast-check"));\nconst x = require("node:crypto");\nconst z = require("zod");'
    expect(undeclared(specifiersOf(compiledTest), declared)).toEqual(["fast-check"])
    expect(undeclared(specifiersOf('import { a } from "react-router-dom"\nexport * from "./local"'), declared)).toEqual(["react-router-dom"])
  })
})
