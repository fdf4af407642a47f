// A local server with the documented shapes of PayPal's REST Payouts v1: POST /v1/oauth2/token (Basic client
// credentials → bearer token), POST /v1/payments/payouts (201 with batch_header; PayPal-Request-Id replays the first
// answer; a sender_batch_id used before is a 400 USER_BUSINESS_ERROR; over `funds` a 422 INSUFFICIENT_FUNDS) and GET
// /v1/payments/payouts/{id} (items with transaction_status). Items start PENDING (`settle()` makes them SUCCESS);
// a receiver starting with "unregistered" fails at once (RECEIVER_UNREGISTERED). `hangNext()`: the next batch is
// made but its answer comes after `slowMs` (a client timeout).
import http from "node:http"

type Item = { payout_item_id: string; transaction_status: string; payout_item: { sender_item_id: string; receiver: string; amount: { value: string; currency: string } }; errors?: { name: string; message: string } }
export type FakeBatch = { payout_batch_id: string; sender_batch_id: string; request_id: string | null; items: Item[] }

export function fakePaypal({ clientId, clientSecret, funds = "1000", slowMs = 2500 }: { clientId: string; clientSecret: string; funds?: string; slowMs?: number }) {
  const batches: FakeBatch[] = []
  const replies = new Map<string, { status: number; body: unknown }>()
  let seq = 0
  let hang = false
  const header = (b: FakeBatch) => ({ payout_batch_id: b.payout_batch_id, batch_status: b.items.every((i) => i.transaction_status !== "PENDING") ? "SUCCESS" : "PENDING", sender_batch_header: { sender_batch_id: b.sender_batch_id } })
  const server = http.createServer((req, res) => {
    let raw = ""
    req.on("data", (c) => (raw += c))
    req.on("end", () => {
      const send = ({ status, body }: { status: number; body: unknown }, delay = 0) =>
        setTimeout(() => {
          if (res.destroyed) return
          res.writeHead(status, { "content-type": "application/json", "paypal-debug-id": `dbg${++seq}` })
          res.end(JSON.stringify(body))
        }, delay)
      const auth = req.headers.authorization ?? ""
      if (req.method === "POST" && req.url === "/v1/oauth2/token") {
        const ok = auth === `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}` && raw === "grant_type=client_credentials"
        return send(ok ? { status: 200, body: { scope: "https://uri.paypal.com/services/payouts", access_token: "A21AA-fake-token", token_type: "Bearer", expires_in: 32400 } } : { status: 401, body: { error: "invalid_client", error_description: "Client Authentication failed" } })
      }
      if (auth !== "Bearer A21AA-fake-token") return send({ status: 401, body: { name: "AUTHENTICATION_FAILURE", message: "Authentication failed due to invalid authentication credentials or a missing Authorization header." } })
      const one = /^\/v1\/payments\/payouts\/([\w-]+)$/.exec(req.url ?? "")
      if (req.method === "GET" && one) {
        const b = batches.find((x) => x.payout_batch_id === one[1])
        return send(b ? { status: 200, body: { batch_header: header(b), items: b.items } } : { status: 404, body: { name: "INVALID_RESOURCE_ID", message: "Requested resource ID was not found." } })
      }
      if (req.method !== "POST" || req.url !== "/v1/payments/payouts") return send({ status: 404, body: { name: "NOT_FOUND" } })
      const requestId = (req.headers["paypal-request-id"] as string | undefined) ?? null
      if (requestId && replies.has(requestId)) return send(replies.get(requestId)!)
      const body = JSON.parse(raw) as { sender_batch_header: { sender_batch_id: string }; items: { receiver: string; amount: { value: string; currency: string }; sender_item_id: string }[] }
      let reply: { status: number; body: unknown }
      const total = body.items.reduce((s, i) => s + Math.round(Number(i.amount.value) * 100), 0)
      if (batches.some((b) => b.sender_batch_id === body.sender_batch_header.sender_batch_id)) {
        reply = { status: 400, body: { name: "USER_BUSINESS_ERROR", message: "User business error.", details: [{ field: "SENDER_BATCH_ID", issue: "Batch with given sender_batch_id already exists" }] } }
      } else if (total > Math.round(Number(funds) * 100)) {
        reply = { status: 422, body: { name: "INSUFFICIENT_FUNDS", message: "Sender does not have sufficient funds. Please add funds and retry." } }
      } else {
        const b: FakeBatch = {
          payout_batch_id: `PB${String(++seq).padStart(8, "0")}`,
          sender_batch_id: body.sender_batch_header.sender_batch_id,
          request_id: requestId,
          items: body.items.map((i) => ({
            payout_item_id: `PI${String(++seq).padStart(8, "0")}`,
            transaction_status: i.receiver.startsWith("unregistered") ? "FAILED" : "PENDING",
            payout_item: { sender_item_id: i.sender_item_id, receiver: i.receiver, amount: i.amount },
            ...(i.receiver.startsWith("unregistered") ? { errors: { name: "RECEIVER_UNREGISTERED", message: "Receiver is unregistered" } } : {}),
          })),
        }
        batches.push(b)
        reply = { status: 201, body: { batch_header: header(b), links: [] } }
      }
      if (requestId) replies.set(requestId, reply)
      const delay = hang && reply.status === 201 ? slowMs : 0
      hang = false
      send(reply, delay)
    })
  })
  return {
    batches,
    settle: () => batches.forEach((b) => b.items.forEach((i) => i.transaction_status === "PENDING" && (i.transaction_status = "SUCCESS"))),
    hangNext: () => (hang = true),
    /** PayPal no longer knows the request ids (their replay window passed); sender_batch_id stays unique. */
    forgetRequestIds: () => replies.clear(),
    listen: (port: number) => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve())),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
