import type { Measure } from "./types"

export const locale = navigator.language || "en-US"
const numberFormat = new Intl.NumberFormat(locale)
const percentFormat = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 })

export function formatNumber(n: number): string {
  return numberFormat.format(n)
}

export function formatPercent(ratio: number): string {
  return percentFormat.format(ratio)
}

/** `whole`: no decimals when the amount has none ($1,270 of $1,500); otherwise the currency's own decimals. */
export function formatMoney(amount: string | number, currency: string, whole = false): string {
  try {
    const n = Number(amount)
    const options: Intl.NumberFormatOptions = { style: "currency", currency: currency.toUpperCase() }
    if (whole && Number.isInteger(n)) options.maximumFractionDigits = options.minimumFractionDigits = 0
    return new Intl.NumberFormat(locale, options).format(n)
  } catch {
    return `${amount} ${currency.toUpperCase()}`
  }
}

export function formatMeasure(m: Measure): string {
  return typeof m === "number" ? formatNumber(m) : formatMoney(m.amount, m.currency_code, true)
}

/** A day (YYYY-MM-DD) or a moment, as "Jul 4" (or "Jul 4, 2026"). */
export function formatDate(iso: string, withYear = false): string {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso)
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", ...(withYear ? { year: "numeric" } : {}), timeZone: "UTC" }).format(d)
}

/** The month of a day (YYYY-MM-DD) as "Jul". */
export function formatMonth(day: string): string {
  return new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`))
}
