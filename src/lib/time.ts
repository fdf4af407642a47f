import { localDate } from "./rules-engine/periods"

const lastDay = { timeZone: "", minute: Number.NaN, day: "" }

/**
 * Calendar day (YYYY-MM-DD) of an instant in a time zone: the unit of the dashboard rollups. Every zone's offset has
 * been a whole number of minutes since 1972, so the day cannot change within a minute: the last minute's answer is
 * reused (a batch of touches spans a minute or two, and Intl's formatToParts is the expensive part).
 */
export function dayInZone(at: Date, timeZone: string): string {
  const minute = Math.floor(at.getTime() / 60_000)
  if (minute === lastDay.minute && timeZone === lastDay.timeZone) return lastDay.day
  const { year, month, day } = localDate(at, timeZone)
  const text = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
  Object.assign(lastDay, { timeZone, minute, day: text })
  return text
}

export const DAY_MS = 86_400_000
