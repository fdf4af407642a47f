import { request } from "../api"
import { append, clear, el, notice } from "../dom"
import type { Flow } from "../flow"
import { RANGES, state, type Metric } from "../state"
import type { PromoterDetail, Responses } from "../types"
import { renderChart } from "./chart"
import { renderCoupons } from "./coupons"
import { renderGoals } from "./goals"
import { renderInvite } from "./invite"
import { renderIncome, renderKpis } from "./kpis"
import { renderLinks } from "./links"
import { renderPayouts } from "./payouts"
import { card, headerActions, run, shell, type Section } from "./shell"
import { renderTeam } from "./team"

const METRICS: [Metric, string][] = [
  ["clicks", "Clicks"],
  ["conversions", "Orders"],
  ["income", "Income"],
]

/** The first day (YYYY-MM-DD, UTC) of a range of `n + 1` days ending today. */
function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10)
}

/** A segmented control: one button per option, the chosen one pressed; `choose` re-renders it. */
function segmented<T extends string | number>(node: HTMLElement, { options, current, testId, choose }: { options: [T, string][]; current: () => T; testId: (value: T) => string; choose: (value: T) => void }) {
  const render = () => {
    clear(node)
    for (const [value, label] of options) {
      const pressed = value === current()
      const onclick = () => {
        choose(value)
        render()
      }
      append(node, [el("button", { type: "button", class: pressed ? "active" : "", "aria-pressed": String(pressed), "data-testid": testId(value), onclick }, label)])
    }
  }
  render()
}

let chartBody: HTMLElement | null = null

/** The chart is drawn at the card's real width: redrawn when the window's width changes. Called once. */
export function redrawChartOnResize(): void {
  let timer = 0
  let lastWidth = window.innerWidth
  window.addEventListener("resize", () => {
    if (window.innerWidth === lastWidth) return
    lastWidth = window.innerWidth
    window.clearTimeout(timer)
    timer = window.setTimeout(() => {
      if (state.me && state.stats && chartBody?.isConnected) renderChart(chartBody, state)
    }, 150)
  })
}

export function renderDashboard(flow: Flow, me: PromoterDetail): void {
  const rangeControl = el("div", { class: "segmented", role: "group", "aria-label": "Period" })
  const kpis = el("div", { class: "kpis", "data-testid": "kpis" }, ...Array.from({ length: 4 }, () => el("div", { class: "kpi" }, el("div", { class: "skeleton line w60" }), el("div", { class: "skeleton line big w40" }))))
  const income = card("income", "Your income", el("span", { class: "muted small" }, "All time"))
  const metricTabs = el("div", { class: "segmented small", role: "group", "aria-label": "Chart" })
  const chart = card("chart", "Over time", metricTabs, "span-chart")
  const goals = card("goals", "Goals")
  const links = card("links", "Your links")
  const coupons = card("coupons", "Your coupon codes")
  const invite = card("invite", "Invite someone")
  const team = card("team", "Your team")
  const payouts = card("payouts", "Your payouts")

  const greeting = el(
    "div",
    { class: "hero" },
    el(
      "div",
      null,
      el("h1", { "data-testid": "greeting" }, `Hi, ${me.name.split(" ")[0]}`),
      el("p", { class: "muted" }, "Your code ", el("strong", { class: "mono" }, me.referral_code), me.tier ? ` · ${me.tier.name} tier` : "", me.status !== "active" ? ` · ${me.status}` : "")
    ),
    rangeControl
  )
  shell(flow, {
    header: headerActions(flow, me),
    private: true,
    main: [
      greeting,
      me.status !== "active" ? notice("info", `Your promoter account is ${me.status}: your links don't credit orders until the shop activates it.`) : null,
      kpis,
      el(
        "div",
        { class: "columns" },
        el("div", { class: "col wide" }, chart.section, links.section, coupons.section, team.section),
        el("div", { class: "col narrow" }, income.section, payouts.section, goals.section, invite.section)
      ),
    ],
  })

  const statsSection: Section = {
    body: kpis,
    load: async () => {
      const query = state.range === 30 ? "" : `?from=${daysAgo(state.range - 1)}&granularity=${state.range > 31 ? "week" : "day"}`
      const [stats, incomeData] = await Promise.all([
        request<Responses["stats"]>(`/store/promoters/me/stats${query}`),
        request<Responses["income"]>(`/store/promoters/me/income${query}`),
      ])
      state.stats = stats.stats
      state.income = incomeData.income
      renderKpis(kpis, stats.stats, state.range)
      renderIncome(income.body, stats.stats.income)
      renderChart(chart.body, state)
    },
  }
  segmented(rangeControl, {
    options: RANGES.map((days) => [days, `${days} days`]),
    current: () => state.range,
    testId: (days) => `range-${days}`,
    choose: (days) => {
      state.range = days
      void run(flow, statsSection)
    },
  })
  segmented(metricTabs, {
    options: METRICS,
    current: () => state.metric,
    testId: (metric) => `metric-${metric}`,
    choose: (metric) => {
      state.metric = metric
      if (state.stats) renderChart(chart.body, state)
    },
  })
  // The income card and the chart fill in with the stats; their own errors show in the KPI row.
  void run(flow, statsSection).then(() => {
    if (state.stats) return
    for (const body of [income.body, chart.body]) {
      clear(body)
      append(body, [el("p", { class: "muted" }, "Not available right now.")])
    }
  })
  void run(flow, { body: goals.body, load: async () => renderGoals(goals.body, await request<Responses["goals"]>("/store/promoters/me/goals")) })
  void run(flow, { body: links.body, load: async () => renderLinks(links.body, me.referral_code, await request<Responses["links"]>("/store/promoters/me/links")) })
  void run(flow, { body: coupons.body, load: async () => renderCoupons(coupons.body, (await request<Responses["coupons"]>("/store/promoters/me/coupons")).coupons) })
  void run(flow, { body: team.body, load: async () => renderTeam(team.body, me.referral_code, (await request<Responses["downline"]>("/store/promoters/me/downline")).downline) })
  const payoutsSection: Section = { body: payouts.body, load: () => renderPayouts(payouts.body, () => void run(flow, payoutsSection)) }
  void run(flow, payoutsSection)
  renderInvite(flow, invite.body, me, () => void run(flow, statsSection))
  chartBody = chart.body
}
