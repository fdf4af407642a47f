import { parseExpression } from "cron-parser"

const DAY = 86_400_000
const MINUTE = 60_000

/**
 * The longest wait between two consecutive runs of a cron schedule (UTC, minute precision) from `from` over
 * `spanDays`, in ms; the gap to the first run after the span counts too. Exact without walking every run: a cron
 * schedule runs at the same times of day (its hour × minute fields) on each day it runs, so the worst gap is the
 * largest of the gaps within a day and those from one running day's last time to the next running day's first.
 */
export function maxGapBetweenRuns(schedule: string, { from, spanDays }: { from: Date; spanDays: number }): number {
  const { fields } = parseExpression(schedule, { utc: true })
  const times = fields.hour.flatMap((h) => fields.minute.map((m) => (h * 60 + m) * MINUTE)).sort((a, b) => a - b)
  let worst = 0
  for (let i = 1; i < times.length; i++) worst = Math.max(worst, times[i] - times[i - 1])
  const end = from.getTime() + spanDays * DAY
  let day = Math.floor(from.getTime() / DAY) * DAY
  let previousDay: number | null = null
  for (;;) {
    const next = parseExpression(schedule, { utc: true, currentDate: new Date(day - 1) }).next().getTime()
    const runDay = Math.floor(next / DAY) * DAY
    if (previousDay !== null) worst = Math.max(worst, runDay + times[0] - (previousDay + times[times.length - 1]))
    if (runDay >= end) return worst
    previousDay = runDay
    day = runDay + DAY
  }
}
