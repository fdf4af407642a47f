/** Calendar day (YYYY-MM-DD) of an instant in a time zone: the unit of the dashboard rollups. */
export function dayInZone(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at)
  const get = (type: string) => parts.find((p) => p.type === type)!.value
  return `${get("year")}-${get("month")}-${get("day")}`
}

export const DAY_MS = 86_400_000
