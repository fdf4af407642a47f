// Splits the suite over several Jest processes, each still `--runInBand` (one Medusa app at a time per process, as
// Medusa's test runner expects): most of a suite's time is spent waiting on PostgreSQL, on event delivery and on
// store processes it starts, so two processes on two cores finish in well under the time of one.
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"

/** Seconds a test file took in a recent run (scripts/test-weights.json); unknown files count as `fallback`. */
export function readWeights(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"))
  } catch {
    return {}
  }
}

/**
 * Longest first onto the lightest group (LPT): deterministic for the same files and weights. Returns `count` lists
 * of files (some may be empty when there are fewer files than groups).
 */
export function partition(files, weights, count, fallback = 30) {
  const groups = Array.from({ length: count }, () => ({ files: [], total: 0 }))
  const weighed = files.map((file) => ({ file, w: Number(weights[file] ?? fallback) }))
  weighed.sort((a, b) => b.w - a.w || a.file.localeCompare(b.file))
  for (const { file, w } of weighed) {
    const lightest = groups.reduce((min, g) => (g.total < min.total ? g : min), groups[0])
    lightest.files.push(file)
    lightest.total += w
  }
  return groups
}

/** Runs one Jest process, its output lines prefixed with its label; resolves to its exit code. */
export function runLabelled(label, cmd, args, { cwd, env, collect = [] }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] })
    const pipe = (stream, out) => {
      let rest = ""
      stream.on("data", (chunk) => {
        const lines = (rest + chunk).split("\n")
        rest = lines.pop()
        for (const line of lines) {
          out.write(`[${label}] ${line}\n`)
          collect.push(`${line}\n`)
        }
      })
      stream.on("end", () => rest && out.write(`[${label}] ${rest}\n`))
    }
    pipe(child.stdout, process.stdout)
    pipe(child.stderr, process.stderr)
    child.on("error", () => resolve(1))
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

/** Relative path → seconds, from the PASS/FAIL lines of Jest's output (for refreshing test-weights.json). */
export function weightsFromOutput(text, root) {
  const out = {}
  for (const m of text.matchAll(/(?:PASS|FAIL) (\S+\.spec\.ts)(?: \(([\d.]+) s\))?/g)) {
    const file = path.isAbsolute(m[1]) ? path.relative(root, m[1]) : m[1]
    out[file] = m[2] ? Math.round(Number(m[2])) : 5
  }
  return out
}
