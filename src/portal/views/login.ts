import { friendly, isStatus, request } from "../api"
import { busy, clear, el, notice, type NoticeKind } from "../dom"
import type { Flow } from "../flow"
import { setToken } from "../session"
import type { Responses } from "../types"
import { shell } from "./shell"

export type Message = { kind: NoticeKind; text: string }

export function showLogin(flow: Flow, message?: Message): void {
  const messages = el("div", { class: "messages" }, message ? notice(message.kind, message.text, "login-message") : null)
  const email = el("input", { type: "email", name: "email", id: "email", autocomplete: "username", required: true, inputmode: "email" })
  const password = el("input", { type: "password", name: "password", id: "password", autocomplete: "current-password", required: true })
  const submit = el("button", { class: "btn primary block", type: "submit" }, "Log in")
  const form = el(
    "form",
    { novalidate: true, "data-testid": "login-form" },
    el("div", { class: "field" }, el("label", { for: "email" }, "E-mail"), email),
    el("div", { class: "field" }, el("label", { for: "password" }, "Password"), password),
    submit
  )
  form.addEventListener("submit", async (event) => {
    event.preventDefault()
    clear(messages)
    if (!email.value.trim() || !password.value) {
      messages.appendChild(notice("error", "Enter your e-mail and password.", "login-error"))
      return
    }
    if (!email.checkValidity()) {
      messages.appendChild(notice("error", "That e-mail address doesn't look right.", "login-error"))
      return
    }
    const done = busy(submit, "Logging in…")
    try {
      const data = await request<Responses["token"]>("/auth/customer/emailpass", {
        method: "POST",
        body: { email: email.value.trim(), password: password.value },
        auth: false,
      })
      setToken(data.token)
      await flow.dashboard(true)
    } catch (error) {
      done()
      const text = isStatus(error, 401) ? "That e-mail and password don't match a shop account. Check them and try again." : friendly(error)
      messages.appendChild(notice("error", text, "login-error"))
      password.select()
    }
  })
  shell(flow, {
    main: [
      el(
        "section",
        { class: "card auth", "aria-labelledby": "login-title" },
        el("h1", { id: "login-title" }, "Log in"),
        el("p", { class: "muted" }, "Use your shop account to see your links, coupons, goals and earnings."),
        messages,
        form,
        el("p", { class: "muted small" }, "No account yet? Create one in the shop, then come back here to join the programme.")
      ),
    ],
  })
  email.focus()
}
