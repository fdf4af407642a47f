import { friendly, request } from "../api"
import { busy, clear, el, notice } from "../dom"
import type { Flow } from "../flow"
import type { Responses } from "../types"
import { headerActions, shell } from "./shell"

/** A logged-in shop customer who is not a promoter yet: the enrolment form, with an optional sponsor's code. */
export function showJoin(flow: Flow, customerEmail: string | null): void {
  const messages = el("div", { class: "messages" })
  const sponsor = el("input", { type: "text", name: "sponsor_code", id: "sponsor", autocomplete: "off", maxlength: 64, placeholder: "Optional" })
  const submit = el("button", { class: "btn primary", type: "submit" }, "Join the programme")
  const form = el("form", { novalidate: true }, el("div", { class: "field" }, el("label", { for: "sponsor" }, "Code of the promoter who invited you"), sponsor), submit)
  form.addEventListener("submit", async (event) => {
    event.preventDefault()
    clear(messages)
    const done = busy(submit, "Joining…")
    try {
      const code = sponsor.value.trim()
      await request<Responses["promoter"]>("/store/promoters/me", { method: "POST", body: code ? { sponsor_code: code } : {} })
      await flow.dashboard()
    } catch (error) {
      done()
      if (!flow.authFailed(error)) messages.appendChild(notice("error", friendly(error)))
    }
  })
  shell(flow, {
    header: headerActions(flow, null),
    main: [
      el(
        "section",
        { class: "card auth", "data-testid": "not-promoter" },
        el("h1", null, "You're not a promoter yet"),
        el(
          "p",
          { class: "muted" },
          customerEmail ? `You're logged in as ${customerEmail}, but this account isn't part of the promoter programme.` : "This account isn't part of the promoter programme."
        ),
        el("p", { class: "muted" }, "Join to get your own referral link, QR code and coupon, and earn on the orders you bring in."),
        messages,
        form
      ),
    ],
  })
}
