import { friendly, request } from "../api"
import { append, busy, clear, el, notice } from "../dom"
import type { Flow } from "../flow"
import type { PromoterDetail, Responses } from "../types"

/** The invitation form: e-mails someone the promoter's link (or a named one); `onSent` refreshes the counts. */
export function renderInvite(flow: Flow, node: HTMLElement, me: PromoterDetail, onSent: () => void): void {
  clear(node)
  const messages = el("div", { class: "messages", "data-testid": "invite-messages" })
  const email = el("input", { type: "email", id: "invite-email", name: "email", required: true, autocomplete: "off", maxlength: 320 })
  const name = el("input", { type: "text", id: "invite-name", name: "name", maxlength: 200, autocomplete: "off" })
  const message = el("textarea", { id: "invite-message", name: "message", maxlength: 1000, rows: 3, placeholder: "I love these teas — here's my link." })
  const link = el("select", { id: "invite-link", name: "slug" }, el("option", { value: "" }, "Your main link"))
  for (const l of me.links) link.appendChild(el("option", { value: l.slug }, l.name || l.slug))
  const submit = el("button", { class: "btn primary", type: "submit", "data-testid": "invite-submit" }, "Send invitation")
  const optional = () => el("span", { class: "muted" }, "(optional)")
  const form = el(
    "form",
    { novalidate: true, "data-testid": "invite-form" },
    el("div", { class: "field" }, el("label", { for: "invite-email" }, "Their e-mail"), email),
    el(
      "div",
      { class: "field-row" },
      el("div", { class: "field" }, el("label", { for: "invite-name" }, "Their name ", optional()), name),
      el("div", { class: "field" }, el("label", { for: "invite-link" }, "Link"), link)
    ),
    el("div", { class: "field" }, el("label", { for: "invite-message" }, "Personal note ", optional()), message),
    submit
  )
  form.addEventListener("submit", async (event) => {
    event.preventDefault()
    clear(messages)
    if (!email.value.trim() || !email.checkValidity()) {
      messages.appendChild(notice("error", "Enter a valid e-mail address to send the invitation to.", "invite-error"))
      email.focus()
      return
    }
    const body: Record<string, string> = { email: email.value.trim() }
    if (name.value.trim()) body.name = name.value.trim()
    if (message.value.trim()) body.message = message.value.trim()
    if (link.value) body.slug = link.value
    const done = busy(submit, "Sending…")
    try {
      const data = await request<Responses["invitation"]>("/store/promoters/me/invitations", { method: "POST", body })
      done()
      form.reset()
      messages.appendChild(notice("success", `Invitation sent to ${data.invitation.to}. It counts in "Invitations sent".`, "invite-success"))
      onSent()
    } catch (error) {
      done()
      if (!flow.authFailed(error)) messages.appendChild(notice("error", friendly(error), "invite-error"))
    }
  })
  append(node, [el("p", { class: "muted small" }, "We e-mail them your link with your note. Invitations you send are counted on this page."), messages, form])
}
