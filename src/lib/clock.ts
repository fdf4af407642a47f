// The plugin's one clock. Everything that asks "what time is it" for the business (rules, periods, holds, touches,
// windows, enrolment, statistics) asks `clock.now()`. It is real time, unless a test suite moved it (the testing.clock
// option and POST /admin/automation/clock); then every part of the plugin in that process sees the same moved time.
// Two other readings exist for what must not move with it: `clock.wall()` (the machine's time, to compare with times
// from outside, such as the scheduler's) and `clock.elapsedMs()` (monotonic, for durations, TTLs and rate limits).

// The offset lives on the process, not the module: a test that loads the plugin's sources next to its build, or two
// copies of the package, still see one clock.
const state = ((globalThis as { [key: symbol]: { offsetMs: number } })[Symbol.for("medusa-plugin-promoter.clock")] ??= { offsetMs: 0 })

export const clock = {
  /** The business time: real time, or where a test moved it. */
  now(): Date {
    return new Date(Date.now() + state.offsetMs)
  },
  /** The machine's wall time, never moved: for comparing with times that come from outside the plugin. */
  wall(): Date {
    return new Date(Date.now())
  },
  /** Milliseconds on a monotonic clock (for durations, TTLs and rate windows; not a time of day). */
  elapsedMs(): number {
    return performance.now()
  },
  /** Moves the business time to `at` (null: back to real time). Only the testing.clock option allows callers to. */
  moveTo(at: Date | null): void {
    state.offsetMs = at ? at.getTime() - Date.now() : 0
  },
}
