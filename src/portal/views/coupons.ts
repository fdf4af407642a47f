import { append, clear, el } from "../dom"
import { formatDate, formatMoney, formatNumber } from "../format"
import type { Coupon } from "../types"
import { copy } from "./copy"

/** "10% off the order", "$5 off items". */
export function couponText(c: Coupon): string {
  const m = c.application_method
  const target = m.target_type === "items" ? "items" : "the order"
  if (m.type === "percentage") return `${m.value}% off ${target}`
  return `${formatMoney(m.value, m.currency_code ?? "usd", true)} off ${target}`
}

/** The promoter's coupon codes, active ones first, each with its discount, uses and end date. */
export function renderCoupons(node: HTMLElement, coupons: Coupon[]): void {
  clear(node)
  const list = [...coupons].sort((a, b) => Number(b.status === "active") - Number(a.status === "active"))
  if (!list.length) {
    append(node, [el("div", { class: "empty", "data-testid": "coupons-empty" }, el("strong", null, "No coupon codes yet"), el("p", { class: "muted" }, "The shop can give you codes your customers type at checkout."))])
    return
  }
  const ul = el("ul", { class: "coupon-list" })
  for (const c of list) {
    const budget = c.campaign?.budget
    const details = [
      couponText(c),
      budget?.limit ? `${formatNumber(budget.used)} of ${formatNumber(budget.limit)} used` : null,
      c.campaign?.ends_at ? `until ${formatDate(c.campaign.ends_at, true)}` : null,
    ].filter((d): d is string => d !== null)
    const button = el("button", { class: "btn small", type: "button", "data-testid": "coupon-copy", "aria-label": `Copy code ${c.code}` }, "Copy")
    button.addEventListener("click", () => void copy(c.code, button))
    ul.appendChild(
      el(
        "li",
        { class: `coupon${c.status === "active" ? "" : " inactive"}`, "data-testid": "coupon" },
        el("div", null, el("div", { class: "coupon-code mono", "data-testid": "coupon-code" }, c.code), el("div", { class: "muted small" }, details.join(" · "))),
        c.status === "active" ? button : el("span", { class: "badge" }, c.status)
      )
    )
  }
  append(node, [ul])
}
