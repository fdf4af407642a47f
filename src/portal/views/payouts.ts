import { friendly, request } from "../api"
import { append, clear, el, notice } from "../dom"
import { formatDate, formatMoney } from "../format"
import type { Responses } from "../types"

const PROVIDER_NAMES: Record<string, string> = { manual: "bank transfer by the shop", stripe_connect: "Stripe", paypal: "PayPal", store_credit: "store credit in this shop" }

/**
 * How the promoter is paid (their payout method, never its secrets), their payouts (pending and paid) and, for each
 * currency whose approved balance reaches the shop's minimum, a button to request a payout.
 */
export async function renderPayouts(node: HTMLElement, reload: () => void): Promise<void> {
  const [commissions, method, requests] = await Promise.all([
    request<Responses["commissions"]>("/store/promoters/me/commissions"),
    request<Responses["payoutMethod"]>("/store/promoters/me/payout-method"),
    request<Responses["payoutRequests"]>("/store/promoters/me/payout-requests"),
  ])
  clear(node)
  const m = method.payout_method
  const detail = m && typeof m.details.email === "string" ? ` (${m.details.email})` : m && typeof m.details.account_id === "string" ? ` (${m.details.account_id})` : ""
  append(node, [
    el("p", { "data-testid": "payout-method" }, m ? `Paid by ${PROVIDER_NAMES[m.provider_id] ?? m.provider_id}${detail}` : "Paid by the shop by hand (no payout method set yet)"),
  ])
  const messages = el("div", { class: "messages", "data-testid": "payout-messages" })
  const open = new Set(requests.payout_requests.filter((r) => r.status === "requested").map((r) => r.currency_code))
  for (const b of commissions.balances) {
    const minimum = requests.minimum_payout[b.currency_code] ?? "0"
    if (open.has(b.currency_code)) {
      node.appendChild(el("p", { class: "muted small", "data-testid": "payout-requested" }, `Payout of your ${b.currency_code.toUpperCase()} balance requested: the shop will review it.`))
      continue
    }
    if (!(Number(b.approved) > 0) || Number(b.approved) < Number(minimum)) continue
    const button = el("button", { class: "btn small", type: "button", "data-testid": "payout-request" }, `Request payout of ${formatMoney(b.approved, b.currency_code)}`)
    button.addEventListener("click", async () => {
      button.disabled = true
      clear(messages)
      try {
        await request("/store/promoters/me/payout-requests", { method: "POST", body: { currency_code: b.currency_code } })
        reload()
      } catch (error) {
        messages.appendChild(notice("error", friendly(error), "payout-request-error"))
        button.disabled = false
      }
    })
    node.appendChild(button)
  }
  node.appendChild(messages)
  if (!commissions.payouts.length) {
    node.appendChild(el("p", { class: "muted", "data-testid": "payouts-empty" }, "No payouts yet."))
    return
  }
  const ul = el("ul", { class: "coupon-list" })
  for (const p of commissions.payouts) {
    const state = p.status === "paid" || p.status === "partially_failed" ? `paid ${p.paid_at ? formatDate(p.paid_at, true) : ""}` : p.status === "failed" ? "failed" : "pending"
    ul.appendChild(el("li", { class: "coupon", "data-testid": "payout" }, el("div", null, el("strong", null, formatMoney(p.amount, p.currency_code)), el("div", { class: "muted small" }, state.trim()))))
  }
  node.appendChild(ul)
}
