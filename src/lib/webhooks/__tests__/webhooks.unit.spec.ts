import { createHmac } from "node:crypto"
import { canonicalJson, occurrenceKey, webhookId } from "../message-id"
import { disableReason, MAX_ATTEMPTS, nextAttemptAt } from "../schedule"
import { newWebhookSecret, sign, signedHeaders, verify } from "../signature"
import { isPrivateAddress, webhookUrlProblem } from "../url"

// The Standard Webhooks specification's published example (its reference libraries test against it).
const VECTOR = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
}

describe("Standard Webhooks signature", () => {
  it("reproduces the specification's example", () => {
    expect(sign(VECTOR)).toBe(VECTOR.signature)
  })

  it("is the HMAC-SHA256 of id.timestamp.body with the base64-decoded key", () => {
    const secret = newWebhookSecret()
    const key = Buffer.from(secret.slice("whsec_".length), "base64")
    expect(key.length).toBeGreaterThanOrEqual(24)
    const expected = "v1," + createHmac("sha256", key).update("msg_1.1700000000.{}").digest("base64")
    expect(sign({ secret, id: "msg_1", timestamp: 1700000000, body: "{}" })).toBe(expected)
  })

  const headers = { "webhook-id": VECTOR.id, "webhook-timestamp": String(VECTOR.timestamp), "webhook-signature": VECTOR.signature }
  it.each([
    ["the example", {}, VECTOR.body, VECTOR.timestamp, { ok: true }],
    ["the example among other signatures", { "webhook-signature": `v1,bm9wZQ== ${VECTOR.signature}` }, VECTOR.body, VECTOR.timestamp, { ok: true }],
    ["a changed body", {}, '{"test": 2432232315}', VECTOR.timestamp, { ok: false, reason: "no_matching_signature" }],
    ["another id", { "webhook-id": "msg_other" }, VECTOR.body, VECTOR.timestamp, { ok: false, reason: "no_matching_signature" }],
    ["a version other than v1", { "webhook-signature": VECTOR.signature.replace("v1,", "v2,") }, VECTOR.body, VECTOR.timestamp, { ok: false, reason: "no_matching_signature" }],
    ["a timestamp 6 minutes old", {}, VECTOR.body, VECTOR.timestamp + 360, { ok: false, reason: "timestamp_out_of_tolerance" }],
    ["a timestamp 6 minutes ahead", {}, VECTOR.body, VECTOR.timestamp - 360, { ok: false, reason: "timestamp_out_of_tolerance" }],
    ["a timestamp that is not a number", { "webhook-timestamp": "12a" }, VECTOR.body, VECTOR.timestamp, { ok: false, reason: "bad_timestamp" }],
    ["no signature header", { "webhook-signature": undefined }, VECTOR.body, VECTOR.timestamp, { ok: false, reason: "missing_headers" }],
  ])("verify: %s", (_name, change, body, nowSeconds, expected) => {
    expect(verify({ secret: VECTOR.secret, headers: { ...headers, ...change }, body, nowSeconds })).toEqual(expected)
  })

  it("signs with every secret of a rotation, and each verifies alone", () => {
    const [fresh, previous, other] = [newWebhookSecret(), newWebhookSecret(), newWebhookSecret()]
    const signed = signedHeaders({ secrets: [fresh, previous], id: "msg_r", timestamp: 1700000000, body: "{}" })
    expect(signed["webhook-signature"].split(" ")).toHaveLength(2)
    for (const secret of [fresh, previous]) expect(verify({ secret, headers: signed, body: "{}", nowSeconds: 1700000000 }).ok).toBe(true)
    expect(verify({ secret: other, headers: signed, body: "{}", nowSeconds: 1700000000 }).ok).toBe(false)
  })
})

describe("retry schedule", () => {
  const failedAt = new Date("2026-07-01T00:00:00.000Z")
  it.each([
    [1, 5_000],
    [2, 5 * 60_000],
    [3, 30 * 60_000],
    [4, 2 * 3600_000],
    [5, 5 * 3600_000],
    [6, 10 * 3600_000],
    [7, 10 * 3600_000],
  ])("after %i failed attempts the next is %i ms later", (attempts, delay) => {
    expect(nextAttemptAt({ attempts, failedAt })?.getTime()).toBe(failedAt.getTime() + delay)
  })
  it("gives up after the eighth attempt", () => {
    expect(MAX_ATTEMPTS).toBe(8)
    expect(nextAttemptAt({ attempts: 8, failedAt })).toBeNull()
  })
})

describe("disable rule", () => {
  const now = new Date("2026-07-10T00:00:00.000Z")
  it.each([
    ["under the limit, failing a day", 4, new Date("2026-07-09T00:00:00.000Z"), null],
    ["at the limit", 5, new Date("2026-07-09T00:00:00.000Z"), "5 deliveries in a row failed"],
    ["failing for five days", 1, new Date("2026-07-05T00:00:00.000Z"), "failing without a success since 2026-07-05T00:00:00.000Z"],
    ["failing for just under five days", 1, new Date("2026-07-05T00:00:01.000Z"), null],
    ["never failed", 0, null, null],
  ])("%s", (_name, consecutiveFailures, failingSince, expected) => {
    expect(disableReason({ consecutiveFailures, failingSince, now, maxConsecutiveFailures: 5 })).toBe(expected)
  })
})

describe("endpoint URLs", () => {
  it.each([
    ["https://hooks.example.com/in", false, null],
    ["http://hooks.example.com:8080/in", false, null],
    ["ftp://hooks.example.com/in", false, "not_http"],
    ["file:///etc/passwd", true, "not_http"],
    ["not a url", false, "not_a_url"],
    ["https://user:pw@hooks.example.com/", false, "has_credentials"],
    ["http://localhost:3000/", false, "private_address"],
    ["http://127.0.0.1:3000/", false, "private_address"],
    ["http://169.254.169.254/latest/meta-data", false, "private_address"],
    ["http://10.1.2.3/", false, "private_address"],
    ["http://172.20.0.1/", false, "private_address"],
    ["http://192.168.1.1/", false, "private_address"],
    ["http://[::1]/", false, "private_address"],
    ["http://[::ffff:127.0.0.1]/", false, "private_address"],
    ["http://db.internal/", false, "private_address"],
    ["http://127.0.0.1:3000/", true, null],
  ])("%s (private allowed: %s) → %s", (url, allowPrivate, expected) => {
    expect(webhookUrlProblem(url, { allowPrivate })).toBe(expected)
  })
  it.each([
    ["8.8.8.8", false],
    ["172.32.0.1", false],
    ["100.64.0.1", true],
    ["fd00::1", true],
    ["2001:db8::1", false],
  ])("%s is private: %s", (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected)
  })
})

describe("webhook ids", () => {
  it("are the same for the same occurrence, whatever the key order, and differ per endpoint and per data", () => {
    const a = occurrenceKey({ name: "promoter.order_attributed", data: { order_id: "o1", promoter_id: "p1" } })
    const b = occurrenceKey({ name: "promoter.order_attributed", data: { promoter_id: "p1", order_id: "o1" } })
    expect(a).toBe(b)
    expect(occurrenceKey({ name: "promoter.order_attributed", data: { order_id: "o2", promoter_id: "p1" } })).not.toBe(a)
    expect(webhookId({ endpointId: "e1", occurrence: a })).toMatch(/^msg_[A-Za-z0-9_-]{27}$/)
    expect(webhookId({ endpointId: "e1", occurrence: a })).toBe(webhookId({ endpointId: "e1", occurrence: b }))
    expect(webhookId({ endpointId: "e2", occurrence: a })).not.toBe(webhookId({ endpointId: "e1", occurrence: a }))
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[1,{"c":2,"d":1}]}')
  })
})
