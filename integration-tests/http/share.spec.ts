import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import jsQR from "jsqr"
import { execFile } from "node:child_process"
import path from "node:path"
import { promisify } from "node:util"
import { PNG } from "pngjs"
import { attempt, eventually, noRedirects, visitorTokenOf } from "../helpers/http"
import { checkout } from "../helpers/checkout"
import { adminSession, storeSession, type Headers } from "../helpers/session"

jest.setTimeout(180 * 1000)

function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null
}

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer }) => {
    let admin: Headers
    let jane: { id: string; referral_code: string }

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
      jane = (await api.post("/admin/promoters", { name: "Jane", email: "jane@example.com", referral_code: "JANE" }, admin))
        .data.promoter
    })

    describe("short links", () => {
      it("redirects /r/:code to the storefront with the code and the UTM tags, and nothing else", async () => {
        const res = await api.get("/r/jane?utm_source=whatsapp&utm_campaign=spring&next=https://evil.com", noRedirects(api))
        expect(res.status).toBe(302)
        // The signed visitor cookie's value too (prm), for storefronts that call the store API from their server.
        expect(res.headers.location).toBe(`http://localhost:8000/?utm_source=whatsapp&utm_campaign=spring&ref=JANE&prm=${visitorTokenOf(res)}`)
        expect(res.headers["cache-control"]).toBe("no-store")
      })

      it("serves named links to storefront paths and refuses hostile destinations", async () => {
        const created = await api.post(
          `/admin/promoters/${jane.id}/links`,
          { slug: "tea", name: "Tea", destination: "/products/herbal-tea-sampler" },
          admin
        )
        expect(created.status).toBe(201)
        expect(created.data.link.short_link).toBe("http://localhost:9000/r/JANE/tea")

        const res = await api.get("/r/JANE/tea?utm_medium=social", noRedirects(api))
        expect(res.status).toBe(302)
        expect(res.headers.location).toBe(`http://localhost:8000/products/herbal-tea-sampler?utm_medium=social&ref=JANE&prm=${visitorTokenOf(res)}`)

        for (const destination of ["https://evil.com/x", "//evil.com", "javascript:alert(1)", "/\\evil.com", "http://localhost:8000.evil.com/"]) {
          const bad = await attempt(api.post(`/admin/promoters/${jane.id}/links`, { slug: "evil", destination }, admin))
          expect(bad.status).toBe(400)
          expect(bad.data.message).toMatch(/^destination /)
        }
        const badSlug = await attempt(api.post(`/admin/promoters/${jane.id}/links`, { slug: "qr", destination: "/x" }, admin))
        expect(badSlug.status).toBe(400)
        const links = (await api.get(`/admin/promoters/${jane.id}/links`, admin)).data.links
        expect(links.map((l: { slug: string }) => l.slug)).toEqual(["tea"])

        const deleted = await api.delete(`/admin/promoters/${jane.id}/links/tea`, admin)
        expect(deleted.data.deleted).toBe(true)
        const after = await api.get("/r/JANE/tea", noRedirects(api))
        expect(after.headers.location).toBe(`http://localhost:8000/?ref=JANE&prm=${visitorTokenOf(after)}`)
      })

      it("sends unknown and inactive codes to the storefront home without a referral, never a 500", async () => {
        const unknown = await api.get("/r/NOBODY", noRedirects(api))
        expect(unknown.status).toBe(302)
        expect(unknown.headers.location).toBe("http://localhost:8000/")
        const long = await api.get(`/r/${"X".repeat(500)}/${"y".repeat(500)}`, noRedirects(api))
        expect(long.status).toBe(302)
        expect(long.headers.location).toBe("http://localhost:8000/")
        await api.post(`/admin/promoters/${jane.id}`, { status: "suspended" }, admin)
        const suspended = await api.get("/r/JANE", noRedirects(api))
        expect(suspended.headers.location).toBe("http://localhost:8000/")
      })
    })

    describe("QR codes", () => {
      it("encodes the promoter's short link tagged ch=qr, as PNG and SVG, with cache headers", async () => {
        const png = await api.get("/r/JANE/qr?format=png&size=300", { responseType: "arraybuffer" })
        expect(png.status).toBe(200)
        expect(png.headers["content-type"]).toBe("image/png")
        expect(png.headers["cache-control"]).toBe("public, max-age=86400")
        const image = PNG.sync.read(Buffer.from(png.data))
        expect(image.width).toBe(300)
        expect(decodeQr(Buffer.from(png.data))).toBe("http://localhost:9000/r/JANE?ch=qr")

        const cached = await attempt(
          api.get("/r/JANE/qr?format=png&size=300", { headers: { "if-none-match": png.headers.etag } })
        )
        expect(cached.status).toBe(304)

        const svg = await api.get("/r/jane/qr?format=svg")
        expect(svg.headers["content-type"]).toMatch(/^image\/svg\+xml/)
        expect(svg.data).toContain("<svg")
      })

      it("encodes named links, and refuses oversized images and unknown codes with a 4xx", async () => {
        await api.post(`/admin/promoters/${jane.id}/links`, { slug: "tea", destination: "/products/tea" }, admin)
        const png = await api.get("/r/JANE/tea/qr", { responseType: "arraybuffer" })
        expect(decodeQr(Buffer.from(png.data))).toBe("http://localhost:9000/r/JANE/tea?ch=qr")

        expect((await attempt(api.get("/r/JANE/qr?size=5000"))).status).toBe(400)
        expect((await attempt(api.get("/r/JANE/qr?size=10"))).status).toBe(400)
        expect((await attempt(api.get("/r/JANE/qr?format=gif"))).status).toBe(400)
        expect((await attempt(api.get("/r/NOBODY/qr"))).status).toBe(404)
        expect((await attempt(api.get("/r/JANE/nolink/qr"))).status).toBe(404)
      })
    })

    describe("the README's curl examples", () => {
      // The real curl binary, asynchronously: the server runs in this process.
      const curl = async (args: string[]) =>
        (await promisify(execFile)("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", ...args])).stdout
      const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"

      it("curl's own User-Agent is redirected but not counted; with a browser's User-Agent it is one click", async () => {
        await api.post(`/admin/promoters/${jane.id}/links`, { slug: "tea", name: "Tea", destination: "/products/herbal-tea-sampler" }, admin)
        const url = `${api.defaults.baseURL}/r/JANE/tea?utm_source=whatsapp`
        expect(await curl([url])).toBe("302")
        expect(await curl(["-A", BROWSER, url])).toBe("302")
        // Touches are written in batches, in order: once the browser's click is in, curl's would be too.
        const clicks = await eventually(
          async () => (await api.get(`/admin/promoters/${jane.id}/stats`, admin)).data.stats.totals.clicks as number,
          (n) => n > 0
        )
        expect(clicks).toBe(1)
      })
    })

    describe("coupons", () => {
      it("creates coupons as Medusa promotions with a usage budget and dates, lists and deactivates them", async () => {
        const res = await api.post(
          `/admin/promoters/${jane.id}/coupons`,
          {
            code: "jane-spring",
            type: "percentage",
            value: 15,
            usage_limit: 50,
            starts_at: "2026-03-01T00:00:00.000Z",
            ends_at: "2026-06-01T00:00:00.000Z",
          },
          admin
        )
        expect(res.status).toBe(201)
        expect(res.data.coupon).toEqual(
          expect.objectContaining({
            code: "JANE-SPRING",
            status: "active",
            application_method: expect.objectContaining({ type: "percentage", target_type: "order", value: 15 }),
            campaign: expect.objectContaining({
              starts_at: "2026-03-01T00:00:00.000Z",
              ends_at: "2026-06-01T00:00:00.000Z",
              budget: expect.objectContaining({ limit: 50, used: 0 }),
            }),
          })
        )
        const promotion = (await api.get(`/admin/promotions/${res.data.coupon.id}`, admin)).data.promotion
        expect(promotion.code).toBe("JANE-SPRING")

        const fixed = await api.post(
          `/admin/promoters/${jane.id}/coupons`,
          { type: "fixed", value: 5, currency_code: "USD", target: "items" },
          admin
        )
        expect(fixed.data.coupon.code).toBe("JANE5")
        expect(fixed.data.coupon.application_method).toEqual(
          expect.objectContaining({ type: "fixed", target_type: "items", currency_code: "usd", value: 5 })
        )

        const list = await eventually(
          async () => (await api.get(`/admin/promoters/${jane.id}/coupons`, admin)).data.coupons as { code: string }[],
          (coupons) => coupons.length === 3
        )
        expect(list.map((c: { code: string }) => c.code).sort()).toEqual(["JANE-SPRING", "JANE10", "JANE5"])

        // Deactivating answers the coupon in the same shape as creating and listing it, now inactive.
        const off = await api.post(`/admin/promoters/${jane.id}/coupons/${res.data.coupon.id}/deactivate`, {}, admin)
        expect(off.data).toEqual({ coupon: { ...res.data.coupon, status: "inactive" } })
        const listed = (await api.get(`/admin/promoters/${jane.id}/coupons`, admin)).data.coupons.find((c: { id: string }) => c.id === res.data.coupon.id)
        expect(off.data.coupon).toEqual(listed)
        expect((await api.get(`/admin/promotions/${res.data.coupon.id}`, admin)).data.promotion.status).toBe("inactive")
      })

      it("refuses bad coupons with a 400 and creates no promotion", async () => {
        // The default coupon (JANE10) is created by a subscriber after enrolment: wait for it first.
        const before = await eventually(
          async () => (await api.get("/admin/promotions", admin)).data.count as number,
          (n) => n === 1
        )
        expect(before).toBe(1)
        const cases: Record<string, unknown>[] = [
          { type: "fixed", value: 5 },
          { type: "percentage", value: 150 },
          { type: "percentage", value: 10, code: "bad code!" },
          { type: "percentage", value: 10, starts_at: "2026-06-01", ends_at: "2026-03-01" },
          { type: "bogus", value: 10 },
        ]
        for (const body of cases) {
          const res = await attempt(api.post(`/admin/promoters/${jane.id}/coupons`, body, admin))
          expect(res.status).toBe(400)
        }
        const taken = await attempt(api.post(`/admin/promoters/${jane.id}/coupons`, { code: "JANE10", type: "percentage", value: 5 }, admin))
        expect(taken.status).toBe(400)
        expect(taken.data.message).toBe("The coupon code JANE10 is already taken")
        const other = await attempt(api.post("/admin/promoters/prom_nope/coupons", { type: "percentage", value: 5 }, admin))
        expect(other.status).toBe(404)
        expect((await api.get("/admin/promotions", admin)).data.count).toBe(before)
      })

      it("discounts a shopper's order through Medusa's standard cart API", async () => {
        const store = await storeSession(getContainer())
        await api.post(`/admin/promoters/${jane.id}/coupons`, { code: "JANE20", type: "percentage", value: 20 }, admin)
        const order = await checkout(api, {
          regionId: store.regions.usd,
          variantId: store.products.find((p) => p.handle === "cast-iron-kettle")!.variantId,
          shippingOptionId: store.shippingOptionId,
          promoCodes: ["JANE20"],
          headers: store.headers,
        })
        expect(order.currency_code).toBe("usd")
        expect(order.item_total).toBe(96)
        expect(order.discount_total).toBe(24)
        expect(order.total).toBe(106)
        const admins = (await api.get(`/admin/orders/${order.id}?fields=*promotions`, admin)).data.order
        expect(admins.promotions.map((p: { code: string }) => p.code)).toEqual(["JANE20"])
      })
    })
  },
})
