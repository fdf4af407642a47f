import fc from "fast-check"
import { buildRedirectUrl, checkDestination, passThroughParams, shortLinkUrl } from "../short-links"

const hosts = { storefrontUrl: "https://shop.example.com", allowedHosts: ["blog.example.com"] }

describe("short-link destinations", () => {
  it.each([
    ["/products/tea", true],
    ["https://blog.example.com/post", true],
    ["https://SHOP.example.com/x", true],
    ["//evil.com/x", false],
    ["https://evil.com/x", false],
    ["https://shop.example.com.evil.com/", false],
    ["javascript:alert(1)", false],
    ["/\\evil.com", false],
    ["https://user:pw@shop.example.com/", false],
    ["ftp://shop.example.com/", false],
    ["", false],
  ])("%p allowed: %p", (destination, ok) => {
    expect(checkDestination(destination, hosts).ok).toBe(ok)
  })

  it("keeps the visitor on the storefront whatever the destination and query say", () => {
    const hostile = ["//evil.com", "https://evil.com", "/\\evil.com", "https:evil.com", "\\\\evil.com"]
    for (const destination of hostile) {
      const url = new URL(
        buildRedirectUrl({ hosts, destination, code: "JANE", query: { next: "https://evil.com", url: "//evil.com" } })
      )
      expect(url.host).toBe("shop.example.com")
    }
  })

  it("passes UTM tags through and adds the code", () => {
    const url = buildRedirectUrl({
      hosts,
      destination: "/products/tea?color=green",
      code: "JANE",
      query: { utm_source: "whatsapp", utm_campaign: "spring", other: "x", ch: "qr" },
    })
    expect(url).toBe(
      "https://shop.example.com/products/tea?color=green&utm_source=whatsapp&utm_campaign=spring&ref=JANE"
    )
  })

  it("adds the signed visitor token after the code, for storefronts that call the store API from their server", () => {
    const url = buildRedirectUrl({ hosts, destination: null, code: "JANE", visitorToken: "v1.JANE.1790000000.sig-_", query: { utm_source: "x" } })
    expect(url).toBe("https://shop.example.com/?utm_source=x&ref=JANE&prm=v1.JANE.1790000000.sig-_")
    expect(buildRedirectUrl({ hosts, destination: "/p?a=1#top", code: "JANE", visitorToken: "v.J.1.s", query: {} })).toBe(
      "https://shop.example.com/p?a=1&ref=JANE&prm=v.J.1.s#top"
    )
  })

  it("builds the same URL as URL.searchParams would, for any destination, UTM values and code", () => {
    // The reference: parse the checked base and set each parameter (what buildRedirectUrl did before its fast path).
    const reference = (destination: string | null, code: string | null, query: Record<string, string>) => {
      const base = new URL(buildRedirectUrl({ hosts, destination, code: null, query: {} }))
      for (const [key, value] of passThroughParams(query)) base.searchParams.set(key, value)
      if (code) base.searchParams.set("ref", code)
      return base.toString()
    }
    const destinations = fc.constantFrom(null, "/products/tea", "/a b/ü", "/p?x=1", "/p?utm_source=old#top", "/p#frag", "https://blog.example.com/post?", "https://evil.com/")
    const text = fc.string({ unit: "grapheme", maxLength: 12 })
    fc.assert(
      fc.property(destinations, fc.option(fc.constantFrom("JANE", "KIM-2")), fc.dictionary(fc.constantFrom("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id", "other"), text), (destination, code, query) => {
        expect(buildRedirectUrl({ hosts, destination, code, query })).toBe(reference(destination, code, query))
      }),
      { numRuns: 500 }
    )
  })

  it("sends unknown destinations home", () => {
    expect(buildRedirectUrl({ hosts, destination: null, code: null, query: {} })).toBe("https://shop.example.com/")
  })

  it("keeps only UTM parameters, one value each", () => {
    expect(passThroughParams({ utm_source: ["a", "b"], utm_evil: "x", utm_medium: "chat" })).toEqual([
      ["utm_source", "a"],
      ["utm_medium", "chat"],
    ])
  })

  it("prints short links", () => {
    expect(shortLinkUrl({ publicUrl: "https://api.example.com/", code: "JANE", slug: "tea" })).toBe(
      "https://api.example.com/r/JANE/tea"
    )
  })
})
