// The portal's only way to build DOM. Data reaches the page as text nodes and attribute values, never as markup:
// there is no innerHTML here, so nothing a promoter, a rule or a link name contains can become an element.

export type Child = Node | string | number | null | undefined | false
type Children = (Child | Child[])[]
type Listener = (event: Event) => void
/** Attributes by name (`class` sets className, `value` the form value); `on<event>` adds a listener. */
export type Props = Record<string, string | number | boolean | Listener | null | undefined>

export function append(node: Node, children: Children): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child)
  }
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Children): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue
    if (typeof value === "function") {
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value)
    } else if (key === "class") node.className = String(value)
    // Form fields (input, select, textarea, option) get the property: the attribute is only the default value.
    else if (key === "value" && "value" in node) (node as HTMLInputElement).value = String(value)
    else node.setAttribute(key, value === true ? "" : String(value))
  }
  append(node, children)
  return node
}

const SVG_NS = "http://www.w3.org/2000/svg"

export function svg(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const node = document.createElementNS(SVG_NS, tag)
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value))
  if (text !== undefined) node.textContent = text
  return node
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild)
}

export type NoticeKind = "error" | "success" | "info"

export function notice(kind: NoticeKind, text: string, testId?: string): HTMLDivElement {
  return el("div", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status", "data-testid": testId }, text)
}

/** Says `text` to screen readers through the page's live region. */
export function announce(text: string): void {
  const live = document.getElementById("live")
  if (!live) return
  live.textContent = ""
  window.setTimeout(() => (live.textContent = text), 30)
}

/** Disables the button and shows `label` while work runs; the returned function puts it back. */
export function busy(button: HTMLButtonElement, label: string): () => void {
  const original = button.textContent ?? ""
  button.disabled = true
  button.setAttribute("aria-busy", "true")
  button.textContent = label
  return () => {
    button.disabled = false
    button.removeAttribute("aria-busy")
    button.textContent = original
  }
}
