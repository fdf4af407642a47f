import fs from "node:fs"
import path from "node:path"
import { signVisitorCookie } from "../../lib/attribution/cookie"
import { buildRedirectUrl } from "../../lib/short-links"
import {
  MAX_TOKEN_LENGTH,
  parseReferral,
  promoterHeaders,
  readReferralCookie,
  referralCookie,
  referralFromUrl,
  REFERRAL_COOKIE,
} from ".."

// A token exactly as the server signs it (the helper must accept every one of those, and has no secret to check it).
const token = signVisitorCookie("s".repeat(40), { visitorId: "k3v9q2x8m1c4b7n5z0ab", code: "JANE", issuedAt: 1790000000 })
const hosts = { storefrontUrl: "https://shop.example.com", allowedHosts: [] }

describe("referralFromUrl", () => {
  it("takes the token and the code from a short link's landing URL and gives the URL without them", () => {
    const landing = buildRedirectUrl({ hosts, destination: "/products/tea?color=green", code: "JANE", visitorToken: token, query: { utm_source: "whatsapp" } })
    expect(referralFromUrl(landing)).toEqual({
      referral: { visitorToken: token, code: "JANE" },
      cleanUrl: "https://shop.example.com/products/tea?color=green&utm_source=whatsapp",
    })
    expect(referralFromUrl(new URL(landing))?.referral).toEqual({ visitorToken: token, code: "JANE" })
  })

  it("keeps the other parameters byte for byte, and the fragment", () => {
    const result = referralFromUrl(`https://shop.example.com/p?q=a%20b+c&prm=${token}&empty=&flag&ref=JANE#top?ref=x`)
    expect(result?.cleanUrl).toBe("https://shop.example.com/p?q=a%20b+c&empty=&flag#top?ref=x")
    expect(referralFromUrl(`https://shop.example.com/?ref=JANE`)?.cleanUrl).toBe("https://shop.example.com/")
  })

  it("is null without either parameter: the stored referral stays", () => {
    expect(referralFromUrl("https://shop.example.com/")).toBeNull()
    expect(referralFromUrl("https://shop.example.com/?reference=1&xprm=2#ref=JANE")).toBeNull()
    expect(referralFromUrl("not a url")).toBeNull()
  })

  it("a bare ?ref= is an explicit code, never a visitor", () => {
    expect(referralFromUrl("https://shop.example.com/?ref=JANE")?.referral).toEqual({ visitorToken: null, code: "JANE" })
  })

  it("a well-formed token wins over the code beside it; a malformed one leaves the code", () => {
    expect(referralFromUrl(`https://s.example/?ref=MARK&prm=${token}`)?.referral).toEqual({ visitorToken: token, code: "JANE" })
    expect(referralFromUrl(`https://s.example/?ref=MARK&prm=${token.slice(0, -1)}`)?.referral).toEqual({ visitorToken: null, code: "MARK" })
  })

  it.each([
    ["a truncated signature", `prm=${token.slice(0, -2)}`],
    ["a code in prm", "prm=JANE"],
    ["a token in ref", `ref=${token}`],
    ["markup", "ref=%3Cscript%3E"],
    ["a NUL", "ref=JA%00NE"],
    ["broken escapes", "ref=%E0%A4%A"],
    ["empty values", "ref=&prm="],
    ["a code of 65 characters", `ref=${"A".repeat(65)}`],
    ["a token with a 65-character visitor id", `prm=${"a".repeat(65)}.JANE.1790000000.${"c".repeat(43)}`],
    ["a value of 5,000 characters", `prm=${"a.".repeat(2500)}`],
  ])("%s: no referral, and the parameters are dropped", (_, query) => {
    const result = referralFromUrl(`https://shop.example.com/p?keep=1&${query}`)
    expect(result).toEqual({ referral: null, cleanUrl: "https://shop.example.com/p?keep=1" })
  })

  it("several values: the first is taken, and all are dropped", () => {
    const other = signVisitorCookie("s".repeat(40), { visitorId: "other", code: "MARK", issuedAt: 1790000000 })
    expect(referralFromUrl(`https://s.example/?prm=${token}&prm=${other}&ref=A&ref=B`)).toEqual({
      referral: { visitorToken: token, code: "JANE" },
      cleanUrl: "https://s.example/",
    })
  })
})

describe("the storefront cookie", () => {
  it("is first-party, HttpOnly, Lax, for the attribution window, and reads back", () => {
    const header = referralCookie({ visitorToken: token, code: "JANE" }, { secure: true })
    expect(header).toBe(`prm_visitor=${token}; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure`)
    expect(referralCookie({ visitorToken: null, code: "JANE" }, { secure: false, maxAgeDays: 7, domain: "shop.example.com" })).toBe(
      "prm_visitor=JANE; Path=/; Max-Age=604800; Domain=shop.example.com; HttpOnly; SameSite=Lax"
    )
    expect(readReferralCookie(`a=1; ${header.split(";")[0]}; b=2`)).toEqual({ visitorToken: token, code: "JANE" })
  })

  it("reads the first valid one of several, ignores look-alike names and malformed values", () => {
    expect(readReferralCookie(`prm_visitor=<x>; xprm_visitor=MARK; prm_visitor=${token}; prm_visitor=ANA`)).toEqual({ visitorToken: token, code: "JANE" })
    expect(readReferralCookie("prm_visitor_old=JANE; prm_visitorx=JANE")).toBeNull()
    expect(readReferralCookie(`prm_visitor="JANE"`)).toEqual({ visitorToken: null, code: "JANE" })
    expect(readReferralCookie(`prm_visitor=${"x".repeat(MAX_TOKEN_LENGTH + 1)}`)).toBeNull()
    expect(readReferralCookie("prm_visitor")).toBeNull()
    expect(readReferralCookie("")).toBeNull()
    expect(readReferralCookie(undefined)).toBeNull()
    expect(readReferralCookie(null)).toBeNull()
    expect(REFERRAL_COOKIE).toBe("prm_visitor")
  })
})

describe("promoterHeaders", () => {
  it("sends the token as the visitor, a bare code as an explicit referral, nothing without a referral", () => {
    expect(promoterHeaders({ visitorToken: token, code: "JANE" })).toEqual({ "x-promoter-visitor": token })
    expect(promoterHeaders({ visitorToken: null, code: "JANE" })).toEqual({ "x-referral-code": "JANE" })
    expect(promoterHeaders(null)).toEqual({})
    expect(promoterHeaders(undefined)).toEqual({})
    expect(promoterHeaders(parseReferral(42))).toEqual({})
  })
})

describe("the helper's source", () => {
  it("imports nothing: no Medusa, no Node module, no framework (it runs in edge middleware and browsers)", () => {
    const source = fs.readFileSync(path.join(__dirname, "../index.ts"), "utf8")
    expect(source).not.toMatch(/^\s*import\s/m)
    expect(source).not.toMatch(/\brequire\(|\bimport\(|\bBuffer\b|\bprocess\./)
  })
})
