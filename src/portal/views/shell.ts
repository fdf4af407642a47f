import { friendly } from "../api"
import { append, clear, el, type Child } from "../dom"
import type { Flow } from "../flow"
import type { PromoterDetail } from "../types"

function app(): HTMLElement {
  const node = document.getElementById("app")
  if (!node) throw new Error("The portal page has no #app element")
  return node
}

/** The page: top bar (title, then `header`), the main column, the footer (with a privacy line when `private`). */
export function shell(flow: Flow, options: { header?: Child; main: Child[]; private?: boolean }): void {
  const root = app()
  clear(root)
  append(root, [
    el(
      "header",
      { class: "topbar" },
      el(
        "div",
        { class: "topbar-inner" },
        el("div", { class: "brand" }, el("span", { class: "logo", "aria-hidden": "true" }), el("span", null, flow.config.title)),
        options.header ?? null
      )
    ),
    el("main", { class: "container", id: "main" }, ...options.main),
    el(
      "footer",
      { class: options.private ? "footer" : "footer center" },
      el("a", { href: flow.config.storefrontUrl, rel: "noopener" }, "Back to the shop"),
      options.private ? el("span", { class: "muted" }, " · Only you can see the numbers on this page.") : null
    ),
  ])
}

export function fatal(flow: Flow, title: string, text: string): void {
  shell(flow, { main: [el("section", { class: "card auth", "data-testid": "portal-error" }, el("h1", null, title), el("p", { class: "muted" }, text))] })
}

/** Who is logged in (name and code, once known) and the log-out button. */
export function headerActions(flow: Flow, me: PromoterDetail | null): HTMLElement {
  return el(
    "div",
    { class: "who" },
    me ? el("span", { class: "who-name" }, me.name) : null,
    me ? el("span", { class: "chip mono", title: "Your referral code" }, me.referral_code) : null,
    el("button", { class: "btn ghost small", type: "button", "data-testid": "logout", onclick: () => flow.logout() }, "Log out")
  )
}

export function skeletonCard(): HTMLElement {
  return el("section", { class: "card", "aria-busy": "true" }, el("div", { class: "skeleton line w40" }), el("div", { class: "skeleton block" }))
}

export type Card = { section: HTMLElement; body: HTMLElement }

/** A dashboard card with a heading (and `extra` beside it) whose body shows a skeleton until it loads. */
export function card(id: string, title: string, extra?: Child, className = ""): Card {
  const body = el("div", { class: "card-body" }, el("div", { class: "skeleton line w60" }), el("div", { class: "skeleton line w80" }), el("div", { class: "skeleton line w40" }))
  const section = el(
    "section",
    { class: `card ${className}`, id: `card-${id}`, "aria-labelledby": `title-${id}`, "data-testid": `card-${id}` },
    el("div", { class: "card-head" }, el("h2", { id: `title-${id}` }, title), extra ?? null),
    body
  )
  return { section, body }
}

export type Section = { body: HTMLElement; load: () => Promise<void> }

/** Runs a section's loader with its loading and error states; Try again re-runs it. */
export async function run(flow: Flow, section: Section): Promise<void> {
  section.body.setAttribute("aria-busy", "true")
  try {
    await section.load()
  } catch (error) {
    if (flow.authFailed(error)) return
    clear(section.body)
    const retry = el("button", { class: "btn small", type: "button", onclick: () => void run(flow, section) }, "Try again")
    append(section.body, [el("div", { class: "notice error", role: "alert" }, el("span", null, friendly(error)), " ", retry)])
  } finally {
    section.body.removeAttribute("aria-busy")
  }
}
