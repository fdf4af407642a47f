import { lookup as dnsLookup, type LookupAddress } from "node:dns"
import http from "node:http"
import https from "node:https"
import { isPrivateAddress } from "../../../lib/webhooks/url"

export type SendResult = { status_code: number | null; error: string | null }

/**
 * One POST. The addresses a host name resolves to are checked at connect time (unless private ones are allowed), so
 * a name that resolves to the store's network, or is changed to after the endpoint was saved, is not called. Never
 * follows redirects; gives up after `timeoutMs` whatever the receiver does.
 */
export function sendWebhook({
  url,
  headers,
  body,
  timeoutMs,
  allowPrivate,
}: {
  url: string
  headers: Record<string, string>
  body: string
  timeoutMs: number
  allowPrivate: boolean
}): Promise<SendResult> {
  const target = new URL(url)
  const client = target.protocol === "https:" ? https : http
  const lookup: typeof dnsLookup = ((hostname: string, options: object, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error)
      const refused = !allowPrivate && addresses.find((a) => isPrivateAddress(a.address))
      if (refused) return callback(new Error(`${hostname} resolves to a private address (${refused.address})`))
      const wantsAll = (options as { all?: boolean }).all
      if (wantsAll) return callback(null, addresses)
      callback(null, addresses[0].address, addresses[0].family)
    })
  }) as typeof dnsLookup
  return new Promise((resolve) => {
    let settled = false
    const done = (result: SendResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(result)
    }
    const request = client.request(
      target,
      {
        method: "POST",
        lookup,
        headers: { "content-type": "application/json", "user-agent": "medusa-plugin-promoter-webhooks", "content-length": Buffer.byteLength(body), ...headers },
      },
      (response) => {
        // The answer's body is not kept; reading it frees the socket.
        response.resume()
        response.on("end", () => done({ status_code: response.statusCode ?? null, error: null }))
        response.on("error", (error) => done({ status_code: response.statusCode ?? null, error: error.message }))
      }
    )
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${timeoutMs} ms`))
    }, timeoutMs)
    request.on("error", (error) => done({ status_code: null, error: error.message || String(error) }))
    request.end(body)
  })
}
