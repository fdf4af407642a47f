// Calendar windows in the store's time zone: months, named seasons, rolling windows, windows since the subject.
import type { Window } from "./schema"

export type Season = { name: string; start: string; end: string }
export type WindowContext = { now: Date; timeZone: string; seasons: Season[]; subjectStart?: Date | null }
export type Range = { start: Date; end: Date; key: string }

export const DEFAULT_SEASONS: Season[] = [
  { name: "spring", start: "03-01", end: "05-31" },
  { name: "summer", start: "06-01", end: "08-31" },
  { name: "autumn", start: "09-01", end: "11-30" },
  { name: "winter", start: "12-01", end: "02-28" },
  { name: "christmas", start: "11-15", end: "12-24" },
  { name: "pre_christmas", start: "12-01", end: "12-24" },
]

type Local = { year: number; month: number; day: number }

// Making an Intl.DateTimeFormat costs far more than using one (it dominated the touch writer's profile): one per
// time zone and kind, kept.
const dayFormats = new Map<string, Intl.DateTimeFormat>()
const timeFormats = new Map<string, Intl.DateTimeFormat>()
function formatFor(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = cache.get(timeZone)
  if (!format) {
    format = make()
    if (cache.size > 100) cache.clear()
    cache.set(timeZone, format)
  }
  return format
}

export function localDate(at: Date, timeZone: string): Local {
  const parts = formatFor(dayFormats, timeZone, () => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })).formatToParts(at)
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value)
  return { year: get("year"), month: get("month"), day: get("day") }
}

function offsetMs(at: Date, timeZone: string): number {
  const parts = formatFor(
    timeFormats,
    timeZone,
    () =>
      new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      })
  ).formatToParts(at)
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value)
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"))
  return asUtc - Math.floor(at.getTime() / 1000) * 1000
}

/** The instant of local midnight starting the given day (month/day may overflow, like Date.UTC). */
export function startOfLocalDay(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day)
  let at = guess - offsetMs(new Date(guess), timeZone)
  at = guess - offsetMs(new Date(at), timeZone)
  return new Date(at)
}

const pad = (n: number) => String(n).padStart(2, "0")

function seasonRange(season: Season, endYear: number, timeZone: string): Range {
  const [sm, sd] = season.start.split("-").map(Number)
  const [em, ed] = season.end.split("-").map(Number)
  const wraps = sm > em || (sm === em && sd > ed)
  const startYear = wraps ? endYear - 1 : endYear
  return {
    start: startOfLocalDay(startYear, sm, sd, timeZone),
    end: startOfLocalDay(endYear, em, ed + 1, timeZone),
    key: `season:${season.name}:${endYear}`,
  }
}

/** The season occurrence that contains `now`, or else the latest one that ended before it, shifted by years. */
export function seasonOccurrence(season: Season, ctx: WindowContext, yearsAgo = 0): Range {
  const { year } = localDate(ctx.now, ctx.timeZone)
  let range = seasonRange(season, year + 1, ctx.timeZone)
  for (let y = year + 1; y >= year - 2; y--) {
    range = seasonRange(season, y, ctx.timeZone)
    if (range.start <= ctx.now) break
  }
  const endYear = Number(range.key.split(":")[2]) - yearsAgo
  return seasonRange(season, endYear, ctx.timeZone)
}

export function findSeason(name: string, seasons: Season[]): Season | undefined {
  return seasons.find((s) => s.name === name) ?? DEFAULT_SEASONS.find((s) => s.name === name)
}

/** Resolves a window to a [start, end) range and a key naming the period (used for "once per period"). */
export function windowRange(window: Window, ctx: WindowContext): Range {
  const { now, timeZone } = ctx
  const today = localDate(now, timeZone)
  switch (window.type) {
    case "calendar": {
      const o = window.offset ?? 0
      if (window.unit === "day") {
        const start = startOfLocalDay(today.year, today.month, today.day + o, timeZone)
        const l = localDate(start, timeZone)
        return { start, end: startOfLocalDay(l.year, l.month, l.day + 1, timeZone), key: `day:${l.year}-${pad(l.month)}-${pad(l.day)}` }
      }
      if (window.unit === "week") {
        const weekday = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7
        const start = startOfLocalDay(today.year, today.month, today.day - weekday + 7 * o, timeZone)
        const l = localDate(start, timeZone)
        return { start, end: startOfLocalDay(l.year, l.month, l.day + 7, timeZone), key: `week:${l.year}-${pad(l.month)}-${pad(l.day)}` }
      }
      if (window.unit === "month") {
        const start = startOfLocalDay(today.year, today.month + o, 1, timeZone)
        const l = localDate(start, timeZone)
        return { start, end: startOfLocalDay(l.year, l.month + 1, 1, timeZone), key: `month:${l.year}-${pad(l.month)}` }
      }
      if (window.unit === "quarter") {
        const q = Math.floor((today.month - 1) / 3)
        const start = startOfLocalDay(today.year, q * 3 + 1 + 3 * o, 1, timeZone)
        const l = localDate(start, timeZone)
        return { start, end: startOfLocalDay(l.year, l.month + 3, 1, timeZone), key: `quarter:${l.year}-Q${Math.floor((l.month - 1) / 3) + 1}` }
      }
      const start = startOfLocalDay(today.year + o, 1, 1, timeZone)
      return { start, end: startOfLocalDay(today.year + o + 1, 1, 1, timeZone), key: `year:${today.year + o}` }
    }
    case "month_of_year": {
      const year = today.year - (window.years_ago ?? 0)
      return {
        start: startOfLocalDay(year, window.month, 1, timeZone),
        end: startOfLocalDay(year, window.month + 1, 1, timeZone),
        key: `month:${year}-${pad(window.month)}`,
      }
    }
    case "season": {
      const season = findSeason(window.season, ctx.seasons)
      if (!season) throw new Error(`unknown season "${window.season}"`)
      return seasonOccurrence(season, ctx, window.years_ago ?? 0)
    }
    case "rolling":
      return { start: new Date(now.getTime() - window.days * 86_400_000), end: now, key: `rolling:${window.days}` }
    case "since_subject": {
      const from = ctx.subjectStart ?? now
      const end = new Date(from)
      end.setUTCMonth(end.getUTCMonth() + window.months)
      return { start: from, end, key: `since:${window.months}` }
    }
    case "lifetime":
      return { start: new Date(0), end: now, key: "lifetime" }
  }
}

/** The occurrence of a season that is running now, or the next one to start. */
export function currentOrNextSeason(season: Season, ctx: WindowContext): Range {
  const latest = seasonOccurrence(season, ctx, 0)
  if (latest.end > ctx.now) return latest
  return seasonOccurrence(season, { ...ctx, now: new Date(latest.end.getTime() + 366 * 86_400_000) }, 0)
}

/** The calendar period after the current one (e.g. "all of next month"). */
export function nextPeriod(unit: "week" | "month" | "quarter" | "year", ctx: WindowContext): Range {
  const current = windowRange({ type: "calendar", unit, offset: 0 }, ctx)
  return windowRange({ type: "calendar", unit, offset: 0 }, { ...ctx, now: current.end })
}
