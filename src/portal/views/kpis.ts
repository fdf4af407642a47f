import { append, clear, el } from "../dom"
import { formatMoney, formatNumber, formatPercent } from "../format"
import type { Income, Stats } from "../types"

function kpi(testId: string, label: string, value: string, raw: string | number, sub?: string): HTMLElement {
  return el(
    "div",
    { class: "kpi" },
    el("div", { class: "kpi-label" }, label),
    el("div", { class: "kpi-value", "data-testid": testId, "data-value": String(raw) }, value),
    sub ? el("div", { class: "kpi-sub muted" }, sub) : null
  )
}

/** The row of four numbers: invitations, clicks, orders, sales (`days`: the range they cover). */
export function renderKpis(node: HTMLElement, stats: Stats, days: number): void {
  clear(node)
  const t = stats.totals
  const revenue = stats.revenue
  append(node, [
    kpi("kpi-invitations", "Invitations sent", formatNumber(t.invitations), t.invitations, `last ${days} days`),
    kpi("kpi-clicks", "Clicks", formatNumber(t.clicks), t.clicks, `${formatNumber(t.unique_clicks)} unique`),
    kpi(
      "kpi-conversions",
      "Orders",
      formatNumber(t.conversions),
      t.conversions,
      t.conversion_rate === null ? "no clicks yet" : `${formatPercent(t.conversion_rate)} of unique clicks`
    ),
    kpi(
      "kpi-sales",
      "Sales you brought",
      revenue.length ? revenue.map((r) => formatMoney(r.amount, r.currency_code, true)).join(" + ") : formatMoney(0, "usd", true),
      revenue.map((r) => `${r.amount} ${r.currency_code}`).join(","),
      "order totals"
    ),
  ])
}

const CELLS = [
  ["pending", "Pending", "on hold"],
  ["approved", "Approved", "to be paid"],
  ["paid", "Paid", "in your account"],
] as const

/** All-time income per currency: pending, approved, paid. */
export function renderIncome(node: HTMLElement, income: Income[]): void {
  clear(node)
  if (!income.length) {
    append(node, [
      el("div", { class: "empty" }, el("strong", null, "No income yet"), el("p", { class: "muted" }, "You earn a commission on every order your links, codes and team bring in.")),
    ])
    return
  }
  for (const row of income) {
    const cur = row.currency_code
    const cells = CELLS.map(([status, label, hint]) =>
      el(
        "div",
        { class: `money ${status}` },
        el("div", { class: "money-label" }, el("span", { class: `dot ${status}`, "aria-hidden": "true" }), label),
        el("div", { class: "money-value", "data-testid": `income-${status}-${cur}`, "data-value": row[status] }, formatMoney(row[status], cur)),
        el("div", { class: "muted small" }, hint)
      )
    )
    append(node, [
      el("div", { class: "income-row" }, income.length > 1 ? el("div", { class: "muted small" }, cur.toUpperCase()) : null, el("div", { class: "money-grid" }, ...cells)),
    ])
  }
}
