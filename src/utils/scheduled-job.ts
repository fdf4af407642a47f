import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { AUTOMATION_MODULE } from "../modules/automation"
import type AutomationModuleService from "../modules/automation/service"
import type { PluginOptions } from "../lib/options"
import { clock } from "../lib/clock"

export type JobConfig = { name: string; schedule: string }

export type JobContext = {
  /** What this run works on: the minute of the schedule by default, or the job's own slot (e.g. a period). */
  slot: string
  /** "Now" on the plugin's clock. */
  now: Date
}

/** A run that holds its slot this long without finishing is taken to have died with its process. */
const STALE_AFTER_MS = 60 * 60_000

/**
 * Medusa's in-memory workflow engine hands a job's wait to `setTimeout`, which fires at once when the wait is over
 * 2^31 ms (≈ 24.8 days), and the job then re-arms and fires again for ever (medusajs/medusa#16280). No plugin job
 * may wait that long: every schedule runs at least daily and monthly or weekly work is done by a daily job whose
 * `slot` names the period (see `maxGapBetweenRuns`, checked by a unit test for every job).
 */
export const MAX_JOB_GAP_MS = 24 * 60 * 60_000

/**
 * A scheduled job of the plugin. Each (job, slot) is run once: a second run for the same slot (another worker, a
 * restart, a timer that fired early) does nothing; a failed run is tried again by the job's next run. It does
 * nothing when `testing.jobs` is false: test suites that move the automation clock run the due work themselves, and
 * a job firing on a real minute boundary in the middle of such a test would race it for the same slots.
 */
export function pluginJob({
  config,
  slot,
  run,
}: {
  config: JobConfig
  /** The slot of a run at `now` (default: its minute). */
  slot?: (at: { now: Date; options: PluginOptions }) => string
  run: (container: MedusaContainer, context: JobContext) => Promise<void>
}) {
  return async function job(container: MedusaContainer, context?: { scheduledFor?: Date }): Promise<void> {
    const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
    const options = automation.getOptions()
    if (!options.testing.jobs) return
    const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
    const scheduledFor = context?.scheduledFor ?? null
    if (scheduledFor && scheduledFor.getTime() - clock.wall().getTime() > 60_000) {
      // A timer that fired long before its time (the engine's setTimeout overflow): not this job's slot.
      logger.warn(`promoter job ${config.name}: woken at ${clock.wall().toISOString()} for ${scheduledFor.toISOString()}; skipped`)
      return
    }
    const now = clock.now()
    const key = slot ? slot({ now, options }) : new Date(Math.floor(clock.wall().getTime() / 60_000) * 60_000).toISOString()
    await runInJobSlot(automation, { job: config.name, slot: key, scheduledFor }, () => run(container, { slot: key, now }))
  }
}

/**
 * Runs `work` once for (job, slot): claims the slot (null, and nothing run, when it is done or being run), then marks
 * it done, or failed with the error (rethrown; the next run of the job claims it again). Also for work that runs a
 * job's slot outside its schedule (the admin's run-due).
 */
export async function runInJobSlot<T>(
  automation: AutomationModuleService,
  { job, slot, scheduledFor = null }: { job: string; slot: string; scheduledFor?: Date | null },
  work: () => Promise<T>
): Promise<T | null> {
  const claim = await automation.claimJobSlot({ job, slot, scheduledFor, staleAfterMs: STALE_AFTER_MS })
  if (!claim) return null
  let result: T
  try {
    result = await work()
  } catch (error) {
    await automation.finishJobSlot({ id: claim, error: error instanceof Error ? error.message : String(error) })
    throw error
  }
  await automation.finishJobSlot({ id: claim, error: null })
  return result
}
