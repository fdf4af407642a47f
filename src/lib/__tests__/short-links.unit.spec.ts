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
