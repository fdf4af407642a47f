import { append, clear, el } from "../dom"
import type { Responses } from "../types"
import { copyRow } from "./copy"

function qrPath(code: string, slug: string | null, size: number): string {
  return `/r/${encodeURIComponent(code)}${slug ? `/${encodeURIComponent(slug)}` : ""}/qr?format=png&size=${size}`
}

function qrImage({ code, slug, size, alt, testId }: { code: string; slug: string | null; size: number; alt: string; testId: string }): HTMLImageElement {
  const img = el("img", { src: qrPath(code, slug, size * 2), width: size, height: size, alt, "data-testid": testId })
  img.addEventListener("error", () => img.replaceWith(el("div", { class: "qr-missing muted small" }, "QR code unavailable")))
  return img
}

/** The promoter's link with its QR code, then every named (product) link with its own. */
export function renderLinks(node: HTMLElement, code: string, data: Responses["links"]): void {
  clear(node)
  append(node, [
    el(
      "div",
      { class: "share-main" },
      el("div", { class: "qr" }, qrImage({ code, slug: null, size: 148, alt: "QR code of your link", testId: "qr-main" })),
      el(
        "div",
        { class: "share-text" },
        el("div", { class: "field-label" }, "Your link"),
        copyRow(data.share.short_link, "your link", "link-main"),
        el("p", { class: "muted small" }, "Anyone who shops through it is credited to you. Print or show the QR code in person."),
        el("a", { class: "btn ghost small", href: qrPath(code, null, 1024), download: `${code}-qr.png` }, "Download QR code")
      )
    ),
  ])
  if (!data.links.length) return
  const list = el("ul", { class: "link-list" })
  for (const link of data.links) {
    const name = link.name || link.slug
    list.appendChild(
      el(
        "li",
        { class: "link-item", "data-testid": "named-link" },
        qrImage({ code, slug: link.slug, size: 64, alt: `QR code of ${name}`, testId: "qr-named" }),
        el("div", { class: "link-name" }, name, el("span", { class: "muted small" }, ` → ${link.destination_path}`)),
        copyRow(link.short_link, `link ${name}`, `link-${link.slug}`)
      )
    )
  }
  append(node, [el("h3", null, "Product links"), list])
}
