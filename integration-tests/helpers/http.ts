import type { AxiosInstance, AxiosResponse } from "axios"

/** Runs a request and returns the response whatever its status (axios throws on 4xx/5xx). */
export async function attempt(request: Promise<AxiosResponse>): Promise<AxiosResponse> {
  try {
    return await request
  } catch (error) {
    const response = (error as { response?: AxiosResponse }).response
    if (!response) throw error
    return response
  }
}

/** Polls `read` until `done` holds (for work that subscribers finish after the response). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10000): Promise<T> {
  const started = Date.now()
  let value = await read()
  while (!done(value)) {
    if (Date.now() - started > timeoutMs) return value
    await new Promise((r) => setTimeout(r, 100))
    value = await read()
  }
  return value
}

export function noRedirects(api: AxiosInstance) {
  return { maxRedirects: 0, validateStatus: () => true, baseURL: api.defaults.baseURL }
}

/** An order's attribution as the admin API shows it, once the order.placed subscriber has written it. */
export async function attributionOf(api: AxiosInstance, admin: { headers: Record<string, string> }, orderId: string) {
  const res = await eventually(
    () => attempt(api.get(`/admin/orders/${orderId}/promoter-attribution`, admin)),
    (r) => r.status === 200,
    15000
  )
  expect(res.status).toBe(200)
  return res.data.attribution
}

/**
 * The signed visitor cookie a short link's response sets (`prm_ref`), as the value it also puts on the landing URL
 * (`prm`). Throws when the response sets none.
 */
export function visitorTokenOf(res: AxiosResponse): string {
  const cookie = ((res.headers["set-cookie"] ?? []) as string[]).find((c) => c.startsWith("prm_ref="))
  if (!cookie) throw new Error("the response sets no prm_ref cookie")
  return decodeURIComponent(cookie.split(";")[0].slice("prm_ref=".length))
}
