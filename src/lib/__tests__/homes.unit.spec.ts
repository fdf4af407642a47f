// Each concern has one home, and the homes depend on each other one way. A file's home is its Medusa folder and, below
// modules/ and workflows/, its concern (modules/promoter, workflows/automation, …); lib/<name> are the pure cores. The
// imports between homes must form no cycle, and the pure cores import nothing from Medusa.
import fs from "node:fs"
import path from "node:path"

const SRC = path.join(__dirname, "../..")

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === "__tests__" || e.name === "migrations" ? [] : files(full)
    return /\.tsx?$/.test(e.name) ? [full] : []
  })
}

export function homeOf(file: string): string {
  const parts = path.relative(SRC, file).split(path.sep)
  if (["modules", "workflows", "lib"].includes(parts[0]) && parts.length > 1 && !/^index\.tsx?$/.test(parts[1])) {
    return `${parts[0]}/${parts[1].replace(/\.tsx?$/, "")}`
  }
  return parts[0].replace(/\.tsx?$/, "")
}

function resolveImport(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate
  }
  return null
}

const IMPORT = /(?:import|export)\s[^"']*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g

function imports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8")
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2])
}

/** Strongly connected groups of more than one home (Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0
  const stack: string[] = []
  const on = new Set<string>()
  const idx = new Map<string, number>()
  const low = new Map<string, number>()
  const out: string[][] = []
  const visit = (v: string) => {
    idx.set(v, index)
    low.set(v, index++)
    stack.push(v)
    on.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!))
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = []
      let w: string
      do {
        w = stack.pop()!
        on.delete(w)
        group.push(w)
      } while (w !== v)
      if (group.length > 1) out.push(group.sort())
    }
  }
  for (const v of graph.keys()) if (!idx.has(v)) visit(v)
  return out
}

describe("one home per concern", () => {
  const all = files(SRC)
  const graph = new Map<string, Set<string>>()
  const edges: string[] = []
  for (const file of all) {
    const from = homeOf(file)
    if (!graph.has(from)) graph.set(from, new Set())
    for (const spec of imports(file)) {
      if (!spec.startsWith(".")) continue
      const target = resolveImport(file, spec)
      if (!target) continue
      const to = homeOf(target)
      if (to === from) continue
      graph.get(from)!.add(to)
      edges.push(`${path.relative(SRC, file)} → ${path.relative(SRC, target)}`)
    }
  }

  it("the homes import each other one way only (no cycle)", () => {
    const found = cycles(graph)
    const inGroup = (group: string[], file: string) => group.includes(homeOf(path.join(SRC, file)))
    const explain = found.map((group) => ({ group, edges: edges.filter((e) => e.split(" → ").every((f) => inGroup(group, f))) }))
    expect(explain).toEqual([])
  })

  it("the pure cores import nothing from Medusa", () => {
    const pure = ["lib/rules-engine", "lib/money", "lib/compensation", "lib/insights", "lib/attribution", "lib/clock.ts", "storefront"]
    const offenders = all
      .filter((f) => pure.some((p) => path.relative(SRC, f).startsWith(p)))
      .filter((f) => imports(f).some((s) => s.startsWith("@medusajs/")))
      .map((f) => path.relative(SRC, f))
    expect(offenders).toEqual([])
  })
})
