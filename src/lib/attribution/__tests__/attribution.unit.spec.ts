import { createHmac } from "node:crypto"
import { dayInZone } from "../../time"
import { readCookie, signVisitorCookie, verifyVisitorCookie, visitorCookieHeader } from "../cookie"
import { deviceClass, hashIp, inferChannel } from "../classify"
import { decideAttribution, type Candidate } from "../decide"

const secret = "s".repeat(40)

describe("visitor cookie", () => {
  it("signs with exactly HMAC-SHA256 for short, 64-byte, long and non-ASCII secrets", () => {
    const value = { visitorId: "v1", code: "JANE", issuedAt: 1700000000 }
    for (const secret of ["k", "x".repeat(64), "y".repeat(65), "z".repeat(300), "sécret-ключ-🔑"]) {
      const expected = createHmac("sha256", secret).update("v1.JANE.1700000000").digest("base64url")
      expect(signVisitorCookie(secret, value)).toBe(`v1.JANE.1700000000.${expected}`)
      // twice: the keyed state is reused, not consumed
      expect(signVisitorCookie(secret, value)).toBe(`v1.JANE.1700000000.${expected}`)
    }
  })

  const value = { visitorId: "v_abc123", code: "JANE", issuedAt: 1790000000 }

  it("round-trips a signed value", () => {
    expect(verifyVisitorCookie(secret, signVisitorCookie(secret, value))).toEqual(value)
  })

  it("ignores tampered, foreign and malformed cookies", () => {
    const signed = signVisitorCookie(secret, value)
    expect(verifyVisitorCookie(secret, signed.replace("JANE", "MARK"))).toBeNull()
    expect(verifyVisitorCookie("x".repeat(40), signed)).toBeNull()
    expect(verifyVisitorCookie(secret, `${signed}x`)).toBeNull()
    expect(verifyVisitorCookie(secret, "a.b.c")).toBeNull()
    expect(verifyVisitorCookie(secret, undefined)).toBeNull()
    expect(verifyVisitorCookie(secret, "x".repeat(1000))).toBeNull()
  })

  it("given a maximum age, ignores values issued before it or in the future (a few minutes of clock skew aside)", () => {
    const signed = signVisitorCookie(secret, value)
    const day = 86400
    expect(verifyVisitorCookie(secret, signed, { maxAgeSeconds: 30 * day, nowSeconds: value.issuedAt + 30 * day })).toEqual(value)
    expect(verifyVisitorCookie(secret, signed, { maxAgeSeconds: 30 * day, nowSeconds: value.issuedAt + 30 * day + 1 })).toBeNull()
    expect(verifyVisitorCookie(secret, signed, { maxAgeSeconds: 30 * day, nowSeconds: value.issuedAt - 300 })).toEqual(value)
    expect(verifyVisitorCookie(secret, signed, { maxAgeSeconds: 30 * day, nowSeconds: value.issuedAt - 301 })).toBeNull()
    // Without a maximum age, only the signature counts (the cookie's own Max-Age bounds it in the browser).
    expect(verifyVisitorCookie(secret, signed, { nowSeconds: value.issuedAt + 365 * day })).toEqual(value)
  })

  it("reads a cookie from a header and writes a strict one", () => {
    expect(readCookie("a=1; prm_ref=v.c.1.s; b=2", "prm_ref")).toBe("v.c.1.s")
    expect(readCookie("a=1", "prm_ref")).toBeUndefined()
    const header = visitorCookieHeader({ value: "x", maxAgeDays: 30, secure: true })
    expect(header).toBe("prm_ref=x; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure")
    expect(visitorCookieHeader({ value: "x", maxAgeDays: 1, secure: false })).not.toContain("Secure")
  })
})

describe("channels and devices", () => {
  it.each([
    [{ ch: "qr" }, "qr"],
    [{ ch: "in-store" }, "in_store"],
    [{ ch: "nonsense", utmSource: "whatsapp" }, "chat"],
    [{ utmMedium: "email" }, "email"],
    [{ utmSource: "instagram" }, "social"],
    [{ referrerHost: "l.facebook.com" }, "social"],
    [{ referrerHost: "t.co" }, "social"],
    [{ referrerHost: "wa.me" }, "chat"],
    [{ referrerHost: "blog.example.com" }, "web"],
    [{}, "web"],
  ])("%p → %p", (input, channel) => {
    expect(inferChannel(input)).toBe(channel)
  })

  it("classifies devices", () => {
    expect(deviceClass("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148")).toBe("mobile")
    expect(deviceClass("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)")).toBe("tablet")
    expect(deviceClass("Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Safari/537.36")).toBe("tablet")
    expect(deviceClass("Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36")).toBe("mobile")
    expect(deviceClass("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0")).toBe("desktop")
    expect(deviceClass(undefined)).toBe("unknown")
  })

  it("hashes IPs with the salt and never returns the IP", () => {
    const h = hashIp("salt-one", "203.0.113.7")!
    expect(h).not.toContain("203")
    expect(h).toBe(hashIp("salt-one", "203.0.113.7"))
    expect(h).not.toBe(hashIp("salt-two", "203.0.113.7"))
  })
})

describe("deciding the credit", () => {
  const touches: Candidate[] = [
    { source: "touch", promoter_id: "A", touch_id: "t1", occurred_at: "2026-01-01T10:00:00.000Z" },
    { source: "touch", promoter_id: "B", touch_id: "t2", occurred_at: "2026-01-05T10:00:00.000Z" },
  ]
  const base = {
    precedence: ["coupon", "cart_referral", "customer_binding", "touch"] as const,
    model: "last_touch" as const,
    selfReferral: "flag" as const,
    isSelf: () => false,
  }

  it("takes the first source in precedence, and keeps every candidate", () => {
    const d = decideAttribution({
      ...base,
      precedence: [...base.precedence],
      candidates: [...touches, { source: "coupon", promoter_id: "C", code: "C10" }],
    })
    expect(d).toEqual(expect.objectContaining({ promoter_id: "C", decided_by: "coupon" }))
    expect(d.candidates).toHaveLength(3)
  })

  it("uses last or first touch", () => {
    expect(decideAttribution({ ...base, precedence: [...base.precedence], candidates: touches }).winner?.touch_id).toBe("t2")
    expect(
      decideAttribution({ ...base, precedence: [...base.precedence], model: "first_touch", candidates: touches }).winner
        ?.touch_id
    ).toBe("t1")
  })

  it("follows a configured precedence", () => {
    const d = decideAttribution({
      ...base,
      precedence: ["touch", "coupon"],
      candidates: [{ source: "coupon", promoter_id: "C" }, ...touches],
    })
    expect(d.promoter_id).toBe("B")
  })

  it("allows, flags or denies self-referral", () => {
    const candidates: Candidate[] = [{ source: "coupon", promoter_id: "A" }]
    const isSelf = (id: string) => id === "A"
    const p = [...base.precedence]
    expect(decideAttribution({ ...base, precedence: p, candidates, isSelf, selfReferral: "allow" })).toEqual(
      expect.objectContaining({ promoter_id: "A", self_referral: false })
    )
    expect(decideAttribution({ ...base, precedence: p, candidates, isSelf, selfReferral: "flag" })).toEqual(
      expect.objectContaining({ promoter_id: "A", self_referral: true })
    )
    expect(decideAttribution({ ...base, precedence: p, candidates, isSelf, selfReferral: "deny" })).toEqual(
      expect.objectContaining({ promoter_id: null, decided_by: "self_referral_denied" })
    )
  })

  it("says none when nobody touched the order", () => {
    expect(decideAttribution({ ...base, precedence: [...base.precedence], candidates: [] }).decided_by).toBe("none")
  })
})

describe("calendar days of touches", () => {
  it("changes day at local midnight, in each zone, whatever was asked just before", () => {
    // 04:59:59.999 and 05:00 UTC straddle midnight in New York (UTC-5 in January), not in UTC.
    const before = new Date("2027-01-15T04:59:59.999Z")
    const after = new Date("2027-01-15T05:00:00.000Z")
    expect(dayInZone(before, "America/New_York")).toBe("2027-01-14")
    expect(dayInZone(before, "UTC")).toBe("2027-01-15")
    expect(dayInZone(before, "America/New_York")).toBe("2027-01-14")
    expect(dayInZone(after, "America/New_York")).toBe("2027-01-15")
    expect(dayInZone(new Date("2027-01-15T04:59:00.000Z"), "America/New_York")).toBe("2027-01-14")
    // Kathmandu is UTC+5:45: its midnight falls at 18:15 UTC.
    expect(dayInZone(new Date("2027-01-15T18:14:59.999Z"), "Asia/Kathmandu")).toBe("2027-01-15")
    expect(dayInZone(new Date("2027-01-15T18:15:00.000Z"), "Asia/Kathmandu")).toBe("2027-01-16")
  })
})
