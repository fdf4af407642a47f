// The plugin's scheduled jobs as a real store runs them: `medusa start` with Medusa's in-memory workflow engine (no
// Redis) and its real scheduler, under a fake wall clock (Debian's `faketime`) that starts just before 02:00 on the
// 1st of a month, when the monthly tier qualification is due and when a monthly schedule would wait past Node's
// setTimeout limit and fire for ever (medusajs/medusa#16280). Every job must run once per slot of its schedule, the
// month must be qualified once, and nothing may loop.
import { execFileSync } from "node:child_process"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { usePluginOptions } from "../helpers/plugin-options"
import { startStoreProcess, type StoreProcess } from "../helpers/store-process"

jest.setTimeout(360 * 1000)

const hasFaketime = (() => {
  try {
    execFileSync("faketime", ["2027-01-01 00:00:00", "true"])
    return true
  } catch {
    return false
  }
})()
if (!hasFaketime) {
  if (process.env.CI) throw new Error("scheduler-clock.spec.ts: no faketime: CI must install it (apt-get install faketime)")
  console.warn("scheduler-clock.spec.ts: SKIPPED — no faketime (apt-get install faketime)")
}

const MINUTE = 60_000
const pad = (n: number) => String(n).padStart(2, "0")
const stamp = (d: Date) =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`

// The test runner's own Medusa app runs on the real clock: its jobs are off, the store process's are on.
usePluginOptions({ testing: { jobs: false } })

type JobRun = { job: string; slot: string; status: string; attempts: number }

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ dbConnection, dbConfig }) => {
    let store: StoreProcess | null = null
    afterAll(async () => {
      // The whole process group: faketime runs the store as its child.
      if (store) await store.stop("SIGKILL")
    })

    ;(hasFaketime ? it : it.skip)("on the 1st of a month at 02:00: every job runs once per slot, the month is qualified once, no timer loops", async () => {
      // The store's clock starts at 01:59:10 (UTC) on 2027-01-01 and then runs at the real pace.
      const fakeStart = new Date("2027-01-01T01:59:10Z")
      const offset = fakeStart.getTime() - Date.now()
      const fakeNow = () => new Date(Date.now() + offset)
      store = await startStoreProcess({
        databaseUrl: dbConfig.clientUrl,
        wrap: ["faketime", stamp(fakeStart)],
        // In-memory engine, event bus and locking (no REDIS_URL); the jobs on (the default).
        env: { REDIS_URL: "", LOG_LEVEL: "info", TZ: "UTC", PROMOTER_OPTIONS_JSON: "" },
        startTimeoutMs: 120_000,
      })
      const bootedAt = fakeNow()
      // Booting must end before 02:00 for this test to see the 02:00 slots; on a machine too slow for that it says so.
      expect(bootedAt.getTime()).toBeLessThan(new Date("2027-01-01T02:00:00Z").getTime())

      // Watch until 02:01:40: the slots 02:00 and 02:01 of the every-minute jobs, 02:00 of the daily qualification.
      const until = new Date("2027-01-01T02:01:40Z")
      await new Promise((resolve) => setTimeout(resolve, until.getTime() - fakeNow().getTime()))

      const runs: JobRun[] = (
        await dbConnection.raw("select job, slot, status, attempts from promoter_automation_job_run where deleted_at is null order by job, slot")
      ).rows
      const of = (job: string) => runs.filter((r) => r.job === job).map((r) => `${r.slot} ${r.status} ${r.attempts}`)

      // Every minute: the slots 02:00 and 02:01 (and 01:59 where the store was up in time for it), each run once.
      const minutes = (from: Date) => {
        const out: string[] = []
        for (let t = Math.ceil(from.getTime() / MINUTE) * MINUTE; t < until.getTime(); t += MINUTE) out.push(`${new Date(t).toISOString()} done 1`)
        return out
      }
      expect(of("promoter-automation-due-actions")).toEqual(minutes(bootedAt))
      expect(of("promoter-automation-schedules")).toEqual(minutes(bootedAt))
      // The month that just ended, qualified once by the daily 02:00 run.
      expect(of("promoter-qualify-tiers")).toEqual(["month:2026-12 done 1"])
      // Not due in this window: the hourly ones (:10, :30), the nightly ones (00:15, 02:30), the weekly summary (08:00).
      for (const job of ["promoter-approve-commissions", "promoter-insights-outcomes", "promoter-automation-dates", "promoter-insights-predictions", "promoter-insights-summary"]) {
        expect([job, of(job)]).toEqual([job, []])
      }

      const output = store.output()
      expect(output.match(/TimeoutOverflowWarning/g) ?? []).toEqual([])
      expect(output.match(/promoter job .* skipped/g) ?? []).toEqual([])
      expect(output).not.toMatch(/Scheduled job .* failed/)

      // Stopped, the store leaves no process behind (faketime's child included): its whole group is gone.
      await store.stop("SIGKILL")
      const group = -store.child.pid!
      const alive = () => {
        try {
          process.kill(group, 0)
          return true
        } catch {
          return false
        }
      }
      for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100))
      expect(alive()).toBe(false)
    })
  },
})
