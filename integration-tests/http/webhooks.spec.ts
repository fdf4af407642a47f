// Webhooks end to end: the plugin's events become signed deliveries that the worker's delivery run POSTs to local
// receivers (node:http on ephemeral ports) which verify every signature twice, with the plugin's verify and with an
// HMAC written here; retries, a receiver that is down and comes back, disabling, redelivery, rotation, bad input.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import type { IEventBusModuleService } from "@medusajs/framework/types"
import { createHmac, timingSafeEqual } from "node:crypto"
import http, { type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import path from "node:path"
import { checkout } from "../helpers/checkout"
import { attempt, eventually } from "../helpers/http"
import { usePluginOptions } from "../helpers/plugin-options"
import { adminSession, storeSession, type Headers } from "../helpers/session"
import { deliverDueWebhooks } from "../../src/jobs/deliver-webhooks"
import { verify } from "../../src/lib/webhooks/signature"

jest.setTimeout(300 * 1000)

// The delivery job is left to the test (it calls the delivery run itself, at the times it chooses).
usePluginOptions({ testing: { clock: false, jobs: false }, webhooks: { allowPrivateUrls: true, maxConsecutiveFailures: 2 } })

type Request = { headers: IncomingHttpHeaders; body: string }
type Receiver = { url: string; port: number; requests: Request[]; answer: (n: number) => number; close: () => Promise<void> }

/** A receiver that records every request and answers `answer(n)` to the n-th (from 0). */
async function startReceiver({ port = 0, answer = () => 200 }: { port?: number; answer?: (n: number) => number } = {}): Promise<Receiver> {
  const requests: Request[] = []
  const server = http.createServer((req, res) => {
    let body = ""
    req.on("data", (chunk) => (body += chunk))
    req.on("end", () => {
      requests.push({ headers: req.headers, body })
      res.statusCode = receiver.answer(requests.length - 1)
      res.end("ok")
    })
  })
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve))
  const actual = (server.address() as AddressInfo).port
  const receiver: Receiver = {
    url: `http://127.0.0.1:${actual}/hooks`,
    port: actual,
    requests,
    answer,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  return receiver
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** The check a receiver makes, written here from the scheme, independent of the plugin's code. */
function independentlyVerified(secret: string, { headers, body }: Request): boolean {
  const id = String(headers["webhook-id"])
  const timestamp = String(headers["webhook-timestamp"])
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64")
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest()
  return String(headers["webhook-signature"])
    .split(" ")
    .some((s) => {
      const given = Buffer.from(s.replace(/^v1,/, ""), "base64")
      return s.startsWith("v1,") && given.length === expected.length && timingSafeEqual(given, expected)
    })
}

/** Whether `secret` verifies a request, asserting the two implementations agree and the headers are well-formed. */
function verifies(secret: string, request: Request): boolean {
  expect(request.headers["webhook-id"]).toMatch(/^msg_[A-Za-z0-9_-]+$/)
  const timestamp = Number(request.headers["webhook-timestamp"])
  expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60)
  expect(request.headers["content-type"]).toBe("application/json")
  const ours = verify({ secret, headers: request.headers as Record<string, string>, body: request.body, nowSeconds: Math.floor(Date.now() / 1000) }).ok
  expect(independentlyVerified(secret, request)).toBe(ours)
  return ours
}

const later = (ms: number) => new Date(Date.now() + ms)

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer }) => {
    let admin: Headers
    const receivers: Receiver[] = []
    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
    })
    afterEach(async () => {
      await Promise.all(receivers.splice(0).map((r) => r.close()))
    })
    const receiver = async (options?: Parameters<typeof startReceiver>[0]) => {
      const r = await startReceiver(options)
      receivers.push(r)
      return r
    }
    const subscribe = async (url: string, events: string[] = ["*"]) => {
      const { data, status } = await api.post("/admin/promoter-webhooks", { url, events, description: "test" }, admin)
      expect(status).toBe(201)
      expect(data.secret).toMatch(/^whsec_/)
      return data as { webhook_endpoint: { id: string }; secret: string }
    }
    const deliveriesOf = async (endpointId: string, query = "") =>
      (await api.get(`/admin/promoter-webhooks/${endpointId}/deliveries${query}`, admin)).data.deliveries as {
        id: string
        status: string
        attempts: number
        webhook_id: string
        event_name: string
        last_status_code: number | null
        payload: { type: string; timestamp: string; data: Record<string, unknown> }
        attempt_log: { list: { at: string; status_code: number | null; error: string | null; duration_ms: number }[] }
      }[]
    const awaitDeliveries = (endpointId: string, count: number) =>
      eventually(() => deliveriesOf(endpointId), (d) => d.length >= count, 15000)
    const enrol = (code: string) => api.post("/admin/promoters", { name: code, email: `${code.toLowerCase()}@example.com`, referral_code: code }, admin)

    it("an attributed order is delivered once, signed, to the endpoints subscribed to it", async () => {
      const store = await storeSession(getContainer())
      const hooks = await receiver()
      const other = await receiver()
      const endpoint = await subscribe(hooks.url, ["promoter.order_attributed"])
      const unsubscribed = await subscribe(other.url, ["promoter.payout_paid"])
      // The secret is never answered again.
      const listed = (await api.get("/admin/promoter-webhooks", admin)).data.webhook_endpoints
      expect(JSON.stringify(listed)).not.toContain(endpoint.secret)
      expect(JSON.stringify((await api.get(`/admin/promoter-webhooks/${endpoint.webhook_endpoint.id}`, admin)).data)).not.toContain("whsec_")

      const promoter = (await enrol("HOOKS")).data.promoter
      const order = await checkout(api, {
        regionId: store.regions.usd,
        variantId: store.products[0].variantId,
        shippingOptionId: store.shippingOptionId,
        headers: store.headers,
        cartBody: { referral_code: "HOOKS" },
      })
      const [pending] = await awaitDeliveries(endpoint.webhook_endpoint.id, 1)
      expect(pending).toMatchObject({ status: "pending", attempts: 0, event_name: "promoter.order_attributed" })

      const run = await deliverDueWebhooks(getContainer())
      expect(run.succeeded).toBeGreaterThanOrEqual(1)
      expect(hooks.requests).toHaveLength(1)
      expect(verifies(endpoint.secret, hooks.requests[0])).toBe(true)
      expect(verifies(unsubscribed.secret, hooks.requests[0])).toBe(false)
      const body = JSON.parse(hooks.requests[0].body)
      expect(body).toMatchObject({ type: "promoter.order_attributed", data: { order_id: order.id, promoter_id: promoter.id } })
      expect(hooks.requests[0].headers["webhook-id"]).toBe(pending.webhook_id)
      const [delivered] = await deliveriesOf(endpoint.webhook_endpoint.id)
      expect(delivered).toMatchObject({ status: "succeeded", attempts: 1, last_status_code: 200 })
      expect(delivered.attempt_log.list).toEqual([expect.objectContaining({ status_code: 200, error: null })])
      expect(other.requests).toHaveLength(0)
      expect(await deliveriesOf(unsubscribed.webhook_endpoint.id)).toHaveLength(0)
      // Nothing more is sent on the next run.
      await deliverDueWebhooks(getContainer())
      expect(hooks.requests).toHaveLength(1)
    })

    it("a canceled order's reversals are delivered as promoter.commission_reversed, once however often the cancel is redelivered", async () => {
      const store = await storeSession(getContainer())
      const hooks = await receiver()
      const endpoint = await subscribe(hooks.url, ["promoter.commission_reversed"])
      const tier = (await api.post("/admin/promoter-tiers", { name: "Hook tier", rank: 1, commission_rates_bps: [1000] }, admin)).data.tier
      await api.post("/admin/commission-plan", { max_depth: 1, compression: false }, admin)
      const promoter = (await api.post("/admin/promoters", { name: "REV", email: "rev@example.com", referral_code: "REVHOOK", tier_id: tier.id }, admin)).data.promoter
      const order = await checkout(api, {
        regionId: store.regions.usd,
        variantId: store.products[0].variantId,
        shippingOptionId: store.shippingOptionId,
        headers: store.headers,
        cartBody: { referral_code: "REVHOOK" },
      })
      const [entry] = await eventually(
        async () => (await api.get(`/admin/commissions?order_id=${order.id}`, admin)).data.commissions as { id: string; amount: number }[],
        (e) => e.length >= 1,
        15000
      )
      await api.post(`/admin/orders/${order.id}/cancel`, {}, admin)
      const [delivery] = await awaitDeliveries(endpoint.webhook_endpoint.id, 1)
      // The cancel event again: no second reversal, so no second event and no second delivery.
      await getContainer().resolve<IEventBusModuleService>(Modules.EVENT_BUS).emit({ name: "order.canceled", data: { id: order.id } })
      await new Promise((r) => setTimeout(r, 2000))
      expect(await deliveriesOf(endpoint.webhook_endpoint.id)).toHaveLength(1)
      expect(delivery.payload).toMatchObject({
        type: "promoter.commission_reversed",
        data: { kind: "reversal", promoter_id: promoter.id, order_id: order.id, currency_code: "usd", reverses_entry_id: entry.id, amount: `-${entry.amount}` },
      })
      expect(Object.keys(delivery.payload.data).sort()).toEqual(["amount", "currency_code", "id", "kind", "order_id", "promoter_id", "reverses_entry_id"])
      await deliverDueWebhooks(getContainer())
      expect(hooks.requests).toHaveLength(1)
      expect(verifies(endpoint.secret, hooks.requests[0])).toBe(true)
    })

    it("a 500 is retried on the schedule and succeeds, every attempt logged", async () => {
      const hooks = await receiver({ answer: (n) => (n < 2 ? 500 : 200) })
      const endpoint = await subscribe(hooks.url, ["promoter.enrolled"])
      await enrol("RETRY")
      await awaitDeliveries(endpoint.webhook_endpoint.id, 1)
      await deliverDueWebhooks(getContainer())
      let [d] = await deliveriesOf(endpoint.webhook_endpoint.id)
      expect(d).toMatchObject({ status: "pending", attempts: 1, last_status_code: 500 })
      // Not due before its retry time (5 s after the failure).
      await deliverDueWebhooks(getContainer(), { now: later(1000) })
      expect(hooks.requests).toHaveLength(1)
      await deliverDueWebhooks(getContainer(), { now: later(6000) })
      await deliverDueWebhooks(getContainer(), { now: later(6000 + 5 * 60_000 + 1000) })
      ;[d] = await deliveriesOf(endpoint.webhook_endpoint.id)
      expect(d).toMatchObject({ status: "succeeded", attempts: 3, last_status_code: 200 })
      expect(d.attempt_log.list.map((a) => a.status_code)).toEqual([500, 500, 200])
      expect(d.attempt_log.list.every((a) => Number.isInteger(a.duration_ms) && typeof a.at === "string")).toBe(true)
      expect(hooks.requests).toHaveLength(3)
      // The same message each time: one webhook id, every signature valid.
      expect(new Set(hooks.requests.map((r) => r.headers["webhook-id"])).size).toBe(1)
      for (const r of hooks.requests) expect(verifies(endpoint.secret, r)).toBe(true)
    })

    it("a receiver that is down gets the delivery after it comes back", async () => {
      const port = await closedPort()
      const endpoint = await subscribe(`http://127.0.0.1:${port}/hooks`, ["promoter.enrolled"])
      await enrol("DOWN")
      await awaitDeliveries(endpoint.webhook_endpoint.id, 1)
      await deliverDueWebhooks(getContainer())
      let [d] = await deliveriesOf(endpoint.webhook_endpoint.id)
      expect(d).toMatchObject({ status: "pending", attempts: 1, last_status_code: null })
      expect(d.attempt_log.list[0].error).toMatch(/ECONNREFUSED/)

      const back = await receiver({ port })
      await deliverDueWebhooks(getContainer(), { now: later(6000) })
      ;[d] = await deliveriesOf(endpoint.webhook_endpoint.id)
      expect(d).toMatchObject({ status: "succeeded", attempts: 2, last_status_code: 200 })
      expect(back.requests).toHaveLength(1)
      expect(verifies(endpoint.secret, back.requests[0])).toBe(true)
    })

    it("an endpoint is disabled after repeated failures and gets nothing more; enabling it starts afresh", async () => {
      const hooks = await receiver({ answer: () => 503 })
      const endpoint = await subscribe(hooks.url, ["promoter.enrolled"])
      const id = endpoint.webhook_endpoint.id
      await enrol("FAILA")
      await enrol("FAILB")
      await awaitDeliveries(id, 2)
      // Every attempt of the schedule, each run past the next retry time.
      let at = Date.now()
      for (let attempt = 0; attempt < 8; attempt++) {
        await deliverDueWebhooks(getContainer(), { now: new Date(at) })
        at += 11 * 3600_000
      }
      expect(hooks.requests).toHaveLength(16)
      expect((await deliveriesOf(id)).map((d) => [d.status, d.attempts])).toEqual([["failed", 8], ["failed", 8]])
      const { webhook_endpoint: disabled } = (await api.get(`/admin/promoter-webhooks/${id}`, admin)).data
      expect(disabled).toMatchObject({ status: "disabled", consecutive_failures: 2, disabled_reason: "2 deliveries in a row failed" })

      await enrol("FAILC")
      await new Promise((r) => setTimeout(r, 1500))
      expect(await deliveriesOf(id)).toHaveLength(2)
      await deliverDueWebhooks(getContainer(), { now: new Date(at) })
      expect(hooks.requests).toHaveLength(16)
      // A redelivery waits for the endpoint to be enabled.
      const [first] = await deliveriesOf(id)
      expect((await attempt(api.post(`/admin/promoter-webhook-deliveries/${first.id}/redeliver`, {}, admin))).status).toBe(400)

      const { webhook_endpoint: enabled } = (await api.post(`/admin/promoter-webhooks/${id}`, { status: "active" }, admin)).data
      expect(enabled).toMatchObject({ status: "active", consecutive_failures: 0, disabled_reason: null, failing_since: null })
    })

    it("redelivery from the admin sends the same message once more, however often it is asked", async () => {
      const hooks = await receiver()
      const endpoint = await subscribe(hooks.url, ["promoter.enrolled"])
      await enrol("AGAIN")
      const [d] = await awaitDeliveries(endpoint.webhook_endpoint.id, 1)
      await deliverDueWebhooks(getContainer())
      expect(hooks.requests).toHaveLength(1)
      const first = await api.post(`/admin/promoter-webhook-deliveries/${d.id}/redeliver`, {}, admin)
      const second = await api.post(`/admin/promoter-webhook-deliveries/${d.id}/redeliver`, {}, admin)
      expect([first.status, second.status]).toEqual([202, 202])
      expect(second.data.delivery.status).toBe("pending")
      await deliverDueWebhooks(getContainer(), { now: later(1000) })
      await deliverDueWebhooks(getContainer(), { now: later(2000) })
      expect(hooks.requests).toHaveLength(2)
      expect(hooks.requests[1].headers["webhook-id"]).toBe(d.webhook_id)
      expect(verifies(endpoint.secret, hooks.requests[1])).toBe(true)
      const [after] = await deliveriesOf(endpoint.webhook_endpoint.id)
      expect(after).toMatchObject({ status: "succeeded", attempts: 2 })
      expect((await attempt(api.post("/admin/promoter-webhook-deliveries/pwhd_nope/redeliver", {}, admin))).status).toBe(404)
    })

    it("the same bus event delivered twice makes one delivery", async () => {
      const hooks = await receiver()
      const endpoint = await subscribe(hooks.url, ["promoter.order_attributed"])
      const bus = getContainer().resolve<IEventBusModuleService>(Modules.EVENT_BUS)
      const event = { name: "promoter.order_attributed", data: { id: "oattr_twice", order_id: "order_twice", promoter_id: "prm_twice", currency_code: "usd", total: 10 } }
      await bus.emit(event)
      await bus.emit({ ...event, data: { ...event.data } })
      await awaitDeliveries(endpoint.webhook_endpoint.id, 1)
      await new Promise((r) => setTimeout(r, 1500))
      expect(await deliveriesOf(endpoint.webhook_endpoint.id)).toHaveLength(1)
      await deliverDueWebhooks(getContainer())
      expect(hooks.requests).toHaveLength(1)
    })

    it("after a rotation both secrets verify during the grace period, then only the new one", async () => {
      const hooks = await receiver()
      const endpoint = await subscribe(hooks.url, ["promoter.enrolled"])
      const rotated = (await api.post(`/admin/promoter-webhooks/${endpoint.webhook_endpoint.id}/rotate-secret`, {}, admin)).data
      expect(rotated.secret).toMatch(/^whsec_/)
      expect(rotated.secret).not.toBe(endpoint.secret)
      expect(rotated.webhook_endpoint.previous_secret_expires_at).toEqual(expect.any(String))
      await enrol("ROTATE")
      const [d] = await awaitDeliveries(endpoint.webhook_endpoint.id, 1)
      await deliverDueWebhooks(getContainer())
      expect(verifies(rotated.secret, hooks.requests[0])).toBe(true)
      expect(verifies(endpoint.secret, hooks.requests[0])).toBe(true)
      expect(String(hooks.requests[0].headers["webhook-signature"]).split(" ")).toHaveLength(2)

      await api.post(`/admin/promoter-webhook-deliveries/${d.id}/redeliver`, {}, admin)
      await deliverDueWebhooks(getContainer(), { now: later(25 * 3600_000) })
      expect(hooks.requests).toHaveLength(2)
      expect(verifies(rotated.secret, hooks.requests[1])).toBe(true)
      expect(verifies(endpoint.secret, hooks.requests[1])).toBe(false)
    })

    it("refuses bad input with a 400 and stores nothing; only admins reach the API", async () => {
      const bad = async (body: unknown) => (await attempt(api.post("/admin/promoter-webhooks", body, admin)))
      const ftp = await bad({ url: "ftp://hooks.example.com/in", events: ["*"] })
      expect(ftp.status).toBe(400)
      expect(ftp.data.message).toMatch(/url/)
      const unknown = await bad({ url: "https://hooks.example.com/in", events: ["promoter.nope"] })
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toMatch(/events/)
      expect((await bad({ url: "https://hooks.example.com/in", events: [] })).status).toBe(400)
      expect((await bad({ url: "https://hooks.example.com/in", events: ["*"], secret: "whsec_mine" })).status).toBe(400)
      expect((await api.get("/admin/promoter-webhooks", admin)).data.webhook_endpoints).toEqual([])
      expect((await attempt(api.get("/admin/promoter-webhooks/pwhe_nope", admin))).status).toBe(404)
      expect((await attempt(api.get("/admin/promoter-webhooks"))).status).toBe(401)
      expect((await attempt(api.post("/admin/promoter-webhooks", { url: "https://hooks.example.com/in", events: ["*"] }))).status).toBe(401)
      expect((await api.get("/admin/promoter-webhooks", admin)).data.webhook_endpoints).toEqual([])
    })

    it("updates and deletes an endpoint; a deleted endpoint gets nothing", async () => {
      const hooks = await receiver()
      const endpoint = await subscribe(hooks.url, ["promoter.payout_paid"])
      const id = endpoint.webhook_endpoint.id
      const updated = (await api.post(`/admin/promoter-webhooks/${id}`, { events: ["promoter.enrolled", "promoter.tier_changed"], description: "two" }, admin)).data
      expect(updated.webhook_endpoint).toMatchObject({ events: ["promoter.enrolled", "promoter.tier_changed"], description: "two" })
      const off = (await api.post(`/admin/promoter-webhooks/${id}`, { status: "disabled" }, admin)).data
      expect(off.webhook_endpoint).toMatchObject({ status: "disabled", disabled_reason: "disabled by an admin" })
      expect((await api.delete(`/admin/promoter-webhooks/${id}`, admin)).data).toEqual({ id, object: "webhook_endpoint", deleted: true })
      expect((await api.get("/admin/promoter-webhooks", admin)).data.webhook_endpoints).toEqual([])
      await enrol("GONE")
      await new Promise((r) => setTimeout(r, 1500))
      await deliverDueWebhooks(getContainer())
      expect(hooks.requests).toHaveLength(0)
    })
  },
})
