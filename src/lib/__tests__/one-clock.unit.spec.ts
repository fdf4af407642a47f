// Time comes from one clock: server code reads it through src/lib/clock.ts (now, wall or elapsedMs), never from
// `new Date()` or `Date.now()` of its own. The admin pages and the portal run in the browser, on the browser's clock.
import fs from "node:fs"
import path from "node:path"
import { clock } from "../clock"

const SRC = path.join(__dirname, "../..")
const BROWSER = [path.join(SRC, "admin"), path.join(SRC, "lib/portal"), path.join(SRC, "portal")]

function serverFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === "__tests__" || BROWSER.includes(full) ? [] : serverFiles(full)
    return /\.tsx?$/.test(e.name) ? [full] : []
  })
}

describe("one clock", () => {
  it("no server file reads the time but the clock", () => {
    const offenders = serverFiles(SRC)
      .filter((f) => f !== path.join(SRC, "lib/clock.ts"))
      .flatMap((f) =>
        fs
          .readFileSync(f, "utf8")
          .split("\n")
          .map((line, i) => ({ line, at: `${path.relative(SRC, f)}:${i + 1}` }))
          .filter(({ line }) => /new Date\(\s*\)|Date\.now\(\)/.test(line) && !line.trim().startsWith("//") && !line.trim().startsWith("*"))
          .map(({ at }) => at)
      )
    expect(offenders).toEqual([])
  })

  it("moves the business time for every reader in the process and leaves the wall and elapsed readings alone", () => {
    const before = clock.elapsedMs()
    try {
      clock.moveTo(new Date("2031-03-04T05:06:07.000Z"))
      expect(Math.abs(clock.now().getTime() - Date.parse("2031-03-04T05:06:07.000Z"))).toBeLessThan(1000)
      expect(Math.abs(clock.wall().getTime() - Date.now())).toBeLessThan(1000)
      // Another copy of the module (the build next to the sources) reads the same offset.
      jest.isolateModules(() => {
        const copy = require("../clock") as typeof import("../clock")
        expect(copy.clock).not.toBe(clock)
        expect(Math.abs(copy.clock.now().getTime() - clock.now().getTime())).toBeLessThan(1000)
      })
    } finally {
      clock.moveTo(null)
    }
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000)
    expect(clock.elapsedMs()).toBeGreaterThanOrEqual(before)
  })
})
