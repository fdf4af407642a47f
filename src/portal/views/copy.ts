import { announce, el } from "../dom"

/** Copies `text` (the clipboard API, else the old execCommand way) and says on the button whether it worked. */
export async function copy(text: string, button: HTMLButtonElement): Promise<void> {
  let ok = false
  try {
    await navigator.clipboard.writeText(text)
    ok = true
  } catch {
    const area = el("textarea", { class: "offscreen", readonly: true }, text)
    document.body.appendChild(area)
    area.select()
    try {
      ok = document.execCommand("copy")
    } catch {
      ok = false
    }
    area.remove()
  }
  const original = button.dataset.label ?? button.textContent ?? "Copy"
  button.dataset.label = original
  button.textContent = ok ? "Copied" : "Copy failed"
  button.classList.toggle("copied", ok)
  announce(ok ? "Copied to the clipboard" : "Could not copy; select the text and copy it yourself")
  window.setTimeout(() => {
    button.textContent = original
    button.classList.remove("copied")
  }, 2000)
}

/** A read-only field with `value` and its Copy button. */
export function copyRow(value: string, label: string, testId: string): HTMLElement {
  const input = el("input", { type: "text", readonly: true, value, "aria-label": label, class: "mono", "data-testid": `${testId}-value` })
  input.addEventListener("focus", () => input.select())
  const button = el("button", { class: "btn", type: "button", "data-testid": `${testId}-copy`, "aria-label": `Copy ${label}` }, "Copy")
  button.addEventListener("click", () => void copy(value, button))
  return el("div", { class: "copy-row" }, input, button)
}
