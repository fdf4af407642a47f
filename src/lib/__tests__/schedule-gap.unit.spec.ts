import fs from "node:fs"
import path from "node:path"
import { maxGapBetweenRuns } from "../schedule-gap"
import { MAX_JOB_GAP_MS } from "../../utils/scheduled-job"

const HOUR = 3_600_000
const jobsDir = path.join(__dirname, "../../jobs")
// Four years from a leap year's start: every month length, weekday and leap day a schedule can meet.
const span = { from: new Date("2028-01-01T00:00:00Z"), spanDays: 4 * 366 }

describe("maxGapBetweenRuns", () => {
  it.each([
    ["* * * * *", 60_000],
    ["30 * * * *", HOUR],
    ["0 2 * * *", 24 * HOUR],
    ["0 8 * * 1", 7 * 24 * HOUR],
    // The schedule that loops on Medusa's in-memory engine: 31 days from Jan 1st to Feb 1st.
    ["0 2 1 * *", 31 * 24 * HOUR],
    // Leap days only: 2028-02-29 → 2032-02-29.
    ["0 0 29 2 *", (4 * 365 + 1) * 24 * HOUR],
  ])("%s waits at most %d ms", (schedule, expected) => {
    expect(maxGapBetweenRuns(schedule, span)).toBe(expected)
  })
})

describe("the plugin's scheduled jobs", () => {
  const files = fs.readdirSync(jobsDir).filter((f) => f.endsWith(".ts"))

  it("are all found", () => {
    expect(files.length).toBeGreaterThanOrEqual(7)
  })

  it.each(files)("%s never waits longer than a day between runs (Node's setTimeout overflows past 24.8 days)", (file) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the job files as Medusa's job loader reads them
    const { config, default: handler } = require(path.join(jobsDir, file)) as { config: { name: string; schedule: string }; default: unknown }
    expect(typeof handler).toBe("function")
    expect(config.name).toMatch(/^promoter-/)
    expect(maxGapBetweenRuns(config.schedule, span)).toBeLessThanOrEqual(MAX_JOB_GAP_MS)
  })
})
