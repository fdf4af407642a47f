import { append, clear, el } from "../dom"
import { formatNumber } from "../format"
import type { Downline } from "../types"

/** How many promoters the promoter's team has, per level: counts only. */
export function renderTeam(node: HTMLElement, code: string, downline: Downline): void {
  clear(node)
  if (!downline.total) {
    append(node, [
      el(
        "div",
        { class: "empty", "data-testid": "team-empty" },
        el("strong", null, "No one in your team yet"),
        el("p", { class: "muted" }, "People who join as promoters with your code ", el("strong", { class: "mono" }, code), " become your team, and you earn on their sales too.")
      ),
    ])
    return
  }
  append(node, [
    el(
      "div",
      { class: "team" },
      el(
        "div",
        { class: "team-total" },
        el("span", { class: "big", "data-testid": "team-total", "data-value": downline.total }, formatNumber(downline.total)),
        el("span", { class: "muted" }, downline.total === 1 ? " promoter in your team" : " promoters in your team")
      ),
      el("div", { class: "muted small" }, `${formatNumber(downline.direct)} recruited by you · ${formatNumber(downline.active)} active`),
      el("ul", { class: "levels" }, ...downline.levels.map((l) => el("li", null, el("span", { class: "muted" }, `Level ${l.level}`), el("strong", null, formatNumber(l.total)))))
    ),
  ])
}
