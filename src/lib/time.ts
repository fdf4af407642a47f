import { localDate } from "./rules-engine/periods"

/** Calendar day (YYYY-MM-DD) of an instant in a time zone: the unit of the dashboard rollups. */
export function dayInZone(at: Date, timeZone: string): string {
  const { year, month, day } = localDate(at, timeZone)
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
}

export const DAY_MS = 86_400_000
