import { append, clear, el } from "../dom"
import { formatMeasure, formatMoney } from "../format"
import type { Goal, GoalReward, Responses } from "../types"

function progressBar(progress: number, label: string, done: boolean): HTMLElement {
  const fill = el("span", { class: done ? "fill done" : progress > 0 ? "fill" : "fill zero" })
  fill.style.width = `${Math.round(Math.max(0, Math.min(1, progress)) * 100)}%`
  return el("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": Math.round(progress * 100), "aria-label": label }, fill)
}

/** "a $20 bonus", "a 10% coupon", "a tier upgrade"; null for what a promoter would not call a reward. */
export function rewardText(r: GoalReward): string | null {
  if (r.type === "bonus") return r.amount ? `a ${formatMoney(r.amount, r.currency_code, true)} bonus` : "a bonus"
  if (r.type === "coupon") {
    if (r.value === null) return "a coupon"
    return r.discount === "percentage" ? `a ${r.value}% coupon` : `a ${formatMoney(r.value, r.currency_code ?? "usd", true)} coupon`
  }
  if (r.type === "tier") return r.to === "previous" ? null : "a tier upgrade"
  return null
}

function goalText(g: Goal): string {
  const noun = g.metric === "sales_amount" ? "in sales" : g.metric === "sales_count" ? (g.target === 1 ? "order" : "orders") : g.target === 1 ? "new promoter" : "new promoters"
  return `${formatMeasure(g.current)} of ${g.operator === "gt" ? "more than " : ""}${formatMeasure(g.target)} ${noun} ${g.period.label}`
}

const CRITERIA = { personal_volume: "Your sales", group_volume: "Your team's sales", active_recruits: "Active recruits" } as const

export function renderGoals(node: HTMLElement, { goals, tier }: Responses["goals"]): void {
  clear(node)
  if (!goals.length) {
    append(node, [
      el(
        "div",
        { class: "empty", "data-testid": "goals-empty" },
        el("strong", null, "No goals right now"),
        el("p", { class: "muted" }, "When the shop runs a challenge — sell a certain amount this month, bring in new promoters — your progress shows here.")
      ),
    ])
  }
  for (const g of goals) {
    const rewards = g.rewards.map(rewardText).filter((r): r is string => r !== null)
    append(node, [
      el(
        "div",
        { class: "goal", "data-testid": "goal" },
        el(
          "div",
          { class: "goal-head" },
          el("strong", null, g.name, g.branch ? el("span", { class: "muted" }, ` · ${g.branch}`) : null),
          g.achieved ? el("span", { class: "badge success" }, g.rewarded ? "Reward earned" : "Reached") : el("span", { class: "badge" }, `${Math.floor(g.progress * 100)}%`)
        ),
        progressBar(g.progress, g.name, g.achieved),
        el("div", { class: "goal-text", "data-testid": "goal-text" }, goalText(g)),
        rewards.length ? el("div", { class: "muted small" }, `Reward: ${rewards.join(" and ")}`) : null
      ),
    ])
  }
  if (tier?.next) {
    append(node, [
      el(
        "div",
        { class: "goal tier", "data-testid": "tier-progress" },
        el("div", { class: "goal-head" }, el("strong", null, `Next tier: ${tier.next.name}`), tier.current ? el("span", { class: "badge" }, `Now ${tier.current.name}`) : null),
        ...tier.next.criteria.map((c) =>
          el(
            "div",
            { class: "criterion" },
            el("div", { class: "criterion-text" }, el("span", null, CRITERIA[c.kind]), el("span", { class: "muted" }, `${formatMeasure(c.current)} of ${formatMeasure(c.target)}`)),
            progressBar(c.progress, CRITERIA[c.kind], c.met)
          )
        ),
        el("div", { class: "muted small" }, `Counted ${tier.period.label}; tiers are reviewed at the end of each month.`)
      ),
    ])
  }
}
