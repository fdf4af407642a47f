import { toast } from "@medusajs/ui"
import { useCallback, useEffect, useState } from "react"
import { sdk } from "./sdk"
import type { Money } from "./types"

export type { Money }

type Query = Record<string, string | number | boolean | string[] | undefined | null>

function clean(query?: Query) {
  if (!query) return undefined
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== ""))
}

/** One call to the plugin's admin API with the admin's session; errors carry the server's message. */
export async function api<T>(path: string, init: { method?: "GET" | "POST" | "DELETE"; body?: unknown; query?: Query } = {}) {
  return await sdk.client.fetch<T>(path, { method: init.method ?? "GET", body: init.body as never, query: clean(init.query) })
}

export function errorMessage(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) return String((error as Error).message)
  return String(error)
}

/**
 * A button's work: `busy` while it runs; a failure is shown as a toast titled `failure`, with the server's message.
 * Resolves to whether the work succeeded.
 */
export function useAction() {
  const [busy, setBusy] = useState(false)
  const run = async (failure: string, work: () => Promise<void>): Promise<boolean> => {
    setBusy(true)
    try {
      await work()
      return true
    } catch (err) {
      toast.error(failure, { description: errorMessage(err) })
      return false
    } finally {
      setBusy(false)
    }
  }
  return { busy, run }
}

export type Loaded<T> = { data?: T; error?: unknown; loading: boolean; reload: () => void }

/** Loads `path` (null: not yet) and reloads when the path or query changes, or on `reload()`. */
export function useApi<T>(path: string | null, query?: Query): Loaded<T> {
  const key = path ? `${path}?${JSON.stringify(clean(query) ?? {})}` : null
  const [tick, setTick] = useState(0)
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: !!path })
  useEffect(() => {
    if (!path) return
    let live = true
    setState((s) => ({ data: s.data, loading: true }))
    api<T>(path, { query }).then(
      (data) => live && setState({ data, loading: false }),
      (error) => live && setState({ error, loading: false })
    )
    return () => {
      live = false
    }
    // `key` stands for path + query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { ...state, reload }
}

export function formatMoney(amount: string | number, currency: string) {
  const value = typeof amount === "string" ? Number(amount) : amount
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(value)
  } catch {
    return `${value} ${currency.toUpperCase()}`
  }
}

export function formatMoneyList(list: Money[] | undefined) {
  if (!list?.length) return "–"
  return list.map((m) => formatMoney(m.amount, m.currency_code)).join(" · ")
}

export function formatDate(value: string | Date | null | undefined, withTime = false) {
  if (!value) return "–"
  const d = new Date(value)
  return withTime ? d.toLocaleString() : d.toLocaleDateString()
}

export function downloadText(filename: string, text: string, type = "text/csv") {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement("a")
  a.href = url
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
