// A local server with Stripe's documented shapes for POST /v1/transfers and GET /v1/transfers/:id (form-encoded
// requests, JSON answers, `{ error: { type, code, message } }` on 4xx), that keeps Stripe's idempotency promise: a
// request with an Idempotency-Key it has seen is answered with the first answer and creates nothing. Destinations
// steer it: acct_invalid… → 400 account_invalid, acct_poor… → 400 balance_insufficient, acct_slow… → the transfer is
// made but the first answer comes after `slowMs` (a client timeout: sent, never recorded).
import http from "node:http"

export type FakeTransfer = { id: string; amount: number; currency: string; destination: string; transfer_group: string; idempotency_key: string }

export function fakeStripe({ slowMs = 2500 } = {}) {
  const transfers: FakeTransfer[] = []
  const replies = new Map<string, { status: number; body: unknown }>()
  const requests: { method: string; path: string; idempotency_key: string | null }[] = []
  let seq = 0
  const server = http.createServer((req, res) => {
    let raw = ""
    req.on("data", (c) => (raw += c))
    req.on("end", () => {
      const key = (req.headers["idempotency-key"] as string | undefined) ?? null
      requests.push({ method: req.method ?? "", path: req.url ?? "", idempotency_key: key })
      const send = ({ status, body }: { status: number; body: unknown }, delay = 0) =>
        setTimeout(() => {
          if (res.destroyed) return
          res.writeHead(status, { "content-type": "application/json", "request-id": `req_${++seq}` })
          res.end(JSON.stringify(body))
        }, delay)
      if (!/^Bearer sk_test_/.test(req.headers.authorization ?? "")) {
        return send({ status: 401, body: { error: { type: "invalid_request_error", message: "Invalid API Key provided" } } })
      }
      const one = /^\/v1\/transfers\/(tr_\w+)$/.exec(req.url ?? "")
      if (req.method === "GET" && one) {
        const t = transfers.find((x) => x.id === one[1])
        return send(t ? { status: 200, body: transferBody(t) } : { status: 404, body: { error: { type: "invalid_request_error", code: "resource_missing", message: `No such transfer: '${one[1]}'` } } })
      }
      if (req.method !== "POST" || req.url !== "/v1/transfers") return send({ status: 404, body: { error: { type: "invalid_request_error", message: "Unrecognized request URL" } } })
      if (key && replies.has(key)) return send(replies.get(key)!)
      const form = new URLSearchParams(raw)
      const destination = form.get("destination") ?? ""
      const amount = Number(form.get("amount"))
      let reply: { status: number; body: unknown }
      if (!Number.isInteger(amount) || amount <= 0) {
        reply = { status: 400, body: { error: { type: "invalid_request_error", code: "parameter_invalid_integer", param: "amount", message: "Invalid integer" } } }
      } else if (destination.startsWith("acct_invalid")) {
        reply = { status: 400, body: { error: { type: "invalid_request_error", code: "account_invalid", param: "destination", message: `No such destination: '${destination}'` } } }
      } else if (destination.startsWith("acct_poor")) {
        reply = { status: 400, body: { error: { type: "invalid_request_error", code: "balance_insufficient", message: "You have insufficient available funds in your Stripe account." } } }
      } else {
        const t: FakeTransfer = { id: `tr_${String(++seq).padStart(8, "0")}`, amount, currency: form.get("currency") ?? "", destination, transfer_group: form.get("transfer_group") ?? "", idempotency_key: key ?? "" }
        transfers.push(t)
        reply = { status: 200, body: transferBody(t) }
      }
      if (key) replies.set(key, reply)
      send(reply, destination.startsWith("acct_slow") && reply.status === 200 && transfers.filter((t) => t.idempotency_key === key).length === 1 && !slowDone.has(key ?? "") ? (slowDone.add(key ?? ""), slowMs) : 0)
    })
  })
  const slowDone = new Set<string>()
  return {
    transfers,
    requests,
    listen: (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve())),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}

const transferBody = (t: FakeTransfer) => ({
  id: t.id,
  object: "transfer",
  amount: t.amount,
  amount_reversed: 0,
  currency: t.currency,
  destination: t.destination,
  transfer_group: t.transfer_group,
  reversed: false,
  livemode: false,
  metadata: {},
})
