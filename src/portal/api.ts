import { currentToken } from "./session"

export class ApiError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

let publishableKey: string | null = null

/** The store's publishable key, sent with every call (set once at start). */
export function usePublishableKey(key: string | null): void {
  publishableKey = key
}

type Init = { method?: "GET" | "POST"; body?: unknown; auth?: boolean }

/**
 * One call to the store API, same origin, with the publishable key and the log-in token; a failure is an ApiError
 * with the server's message (status 0: the shop could not be reached). `T` is what the route answers: the routes'
 * answers are checked against the OpenAPI document's schemas by the HTTP tests, not here.
 */
export async function request<T>(path: string, init: Init = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" }
  if (publishableKey) headers["x-publishable-api-key"] = publishableKey
  const token = currentToken()
  if (init.auth !== false && token) headers.authorization = `Bearer ${token}`
  if (init.body !== undefined) headers["content-type"] = "application/json"
  let res: Response
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "omit",
      cache: "no-store",
    })
  } catch {
    throw new ApiError(0, "We couldn't reach the shop. Check your connection and try again.")
  }
  const data: unknown = await res.json().catch(() => ({}))
  if (!res.ok) {
    const message = serverMessage(data) ?? `The shop answered with an error (${res.status}).`
    throw new ApiError(res.status, message)
  }
  return data as T
}

function serverMessage(data: unknown): string | null {
  if (typeof data !== "object" || data === null || !("message" in data)) return null
  return typeof data.message === "string" && data.message ? data.message : null
}

/** What to tell the promoter about a failed call. */
export function friendly(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status >= 500) return "Something went wrong on the shop's side. Please try again in a moment."
    return error.message
  }
  return "Something unexpected happened. Please reload the page."
}

export const isStatus = (error: unknown, status: number): error is ApiError => error instanceof ApiError && error.status === status
