import { barLayout } from "../../admin/lib/chart-layout"
import { mainCurrency, niceMax, periodsBetween, stacks } from "../chart-data"
import { append, clear, el, svg } from "../dom"
import { formatDate, formatMoney, formatMonth, formatNumber } from "../format"
import type { DashboardState } from "../state"

const LEGEND = ["paid", "approved", "pending"] as const

/** Clicks, orders or income per period as an SVG bar chart drawn at the card's real width (readable on a phone). */
export function renderChart(node: HTMLElement, state: DashboardState): void {
  clear(node)
  const stats = state.stats
  if (!stats) return
  const { range } = stats
  const periods = periodsBetween(range.from, range.to, range.granularity)
  const metric = state.metric
  const currency = mainCurrency(state.income)
  const values = stacks({ periods, metric, stats, income: state.income, currency })
  const totals = values.map((stack) => stack.reduce((n, part) => n + Math.max(0, part.value), 0))
  const total = totals.reduce((a, b) => a + b, 0)
  const fmt = (n: number) => (metric === "income" && currency ? formatMoney(n, currency) : formatNumber(n))
  const noun = metric === "clicks" ? "clicks" : metric === "conversions" ? "orders" : "income"

  append(node, [
    el(
      "p",
      { class: "chart-summary" },
      el("strong", null, fmt(total)),
      ` ${metric === "income" ? "earned" : noun} in the last ${state.range} days`,
      metric === "income" && currency ? el("span", { class: "muted" }, ` (${currency.toUpperCase()})`) : null
    ),
  ])
  if (!total) {
    append(node, [
      el(
        "div",
        { class: "empty chart-empty", "data-testid": "chart-empty" },
        el("strong", null, metric === "income" ? "No income in this period yet" : `No ${noun} in this period yet`),
        el("p", { class: "muted" }, "Share your link or QR code — every click and order shows up here.")
      ),
    ])
    return
  }
  const width = Math.max(280, Math.floor(node.clientWidth || 600))
  const height = width < 480 ? 180 : 220
  const pad = { top: 10, right: 6, bottom: 26, left: metric === "income" ? 56 : 36 }
  const innerW = width - pad.left - pad.right
  const innerH = height - pad.top - pad.bottom
  const max = niceMax(Math.max(...totals))
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": `${noun} per ${range.granularity}`, class: "chart", "data-testid": "chart" })
  for (let i = 0; i <= 4; i++) {
    const y = pad.top + innerH - (innerH * i) / 4
    root.appendChild(svg("line", { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: i === 0 ? "axis" : "grid" }))
    const tick = metric === "income" && currency ? formatMoney((max * i) / 4, currency, true) : formatNumber(Math.round(((max * i) / 4) * 10) / 10)
    root.appendChild(svg("text", { x: pad.left - 6, y: y + 4, "text-anchor": "end", class: "tick" }, tick))
  }
  // The admin's layout: equal slots across the inner width, the bar centred in its slot and at most 36 px wide.
  const layout = barLayout({ count: periods.length, minWidth: innerW, slotMin: 0, maxBar: 36 })
  const slot = layout.width / periods.length
  const barW = layout.bar
  const labelEvery = Math.max(1, Math.ceil(periods.length / (width < 480 ? 4 : 7)))
  periods.forEach((period, i) => {
    const x = pad.left + layout.x(i)
    let y = pad.top + innerH
    const group = svg("g", { class: "bar" })
    const when = range.granularity === "month" ? formatDate(period, true) : range.granularity === "week" ? `Week of ${formatDate(period)}` : formatDate(period)
    const detail = metric === "income" ? ` (${values[i].map((p) => `${p.key} ${fmt(p.value)}`).join(", ")})` : ` ${noun}`
    group.appendChild(svg("title", {}, `${when}: ${fmt(totals[i])}${detail}`))
    group.appendChild(svg("rect", { x: pad.left + slot * i, y: pad.top, width: slot, height: innerH, class: "hit" }))
    for (const part of values[i]) {
      if (part.value <= 0) continue
      const h = Math.max(1, (innerH * part.value) / max)
      y -= h
      group.appendChild(svg("rect", { x, y, width: barW, height: h, rx: Math.min(3, barW / 3), class: `fill ${part.key}` }))
    }
    root.appendChild(group)
    if (i % labelEvery === 0) {
      const label = range.granularity === "month" ? formatMonth(period) : formatDate(period)
      root.appendChild(svg("text", { x: x + barW / 2, y: height - 8, "text-anchor": "middle", class: "tick" }, label))
    }
  })
  append(node, [el("div", { class: "chart-wrap" }, root)])
  if (metric === "income") {
    append(node, [
      el("div", { class: "legend" }, ...LEGEND.map((k) => el("span", null, el("span", { class: `dot ${k}`, "aria-hidden": "true" }), k[0].toUpperCase() + k.slice(1)))),
    ])
  }
}
