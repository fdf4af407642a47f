// Attribution through a server-rendered storefront on another site (issue 14, item 4), in Chromium: a short link on
// the store API's origin (http://localhost:PORT) sends the shopper to a storefront on http://127.0.0.1:OTHER, whose
// own server creates and completes the cart through the store API, as the Next.js starter does. No browser cookie of
// the API's host ever reaches those calls; the signed token of the landing URL, kept by the storefront with
// `medusa-plugin-promoter/storefront`, carries the visitor.
import { spawn, type ChildProcess } from "node:child_process"
import path from "node:path"
import type { Page } from "playwright-core"
import { freePort } from "../helpers/store-process"
import { startBrowserDemo, until, type BrowserDemo } from "./harness"

jest.setTimeout(300_000)

type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any

// Headless Chromium says "HeadlessChrome", which the click counter takes for a bot (and records no touch).
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"

describe("A server-rendered storefront on another site (Chromium)", () => {
  let demo: BrowserDemo
  let storefront: ChildProcess
  let storefrontUrl: string
  let adminToken: string

  beforeAll(async () => {
    const port = await freePort()
    storefrontUrl = `http://127.0.0.1:${port}`
    demo = await startBrowserDemo("storefront", { env: { STOREFRONT_URL: storefrontUrl } })
    storefront = spawn(process.execPath, [path.join(__dirname, "storefront-server.mjs")], {
      cwd: __dirname,
      env: { ...process.env, NODE_OPTIONS: "", PORT: String(port), MEDUSA_URL: demo.baseUrl, PUBLISHABLE_KEY: demo.info.publishableKey },
      stdio: ["ignore", "pipe", "inherit"],
    })
    await new Promise<void>((resolve, reject) => {
      storefront.stdout!.once("data", () => resolve())
      storefront.once("exit", (code) => reject(new Error(`the storefront exited (${code})`)))
    })
    const login = await fetch(`${demo.baseUrl}/auth/user/emailpass`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(demo.info.admin),
    })
    adminToken = (await login.json()).token
  })
  afterAll(async () => {
    storefront?.kill("SIGTERM")
    await demo?.stop()
  })

  const admin = async (path: string): Promise<Json> => {
    const res = await fetch(`${demo.baseUrl}${path}`, { headers: { authorization: `Bearer ${adminToken}` } })
    if (!res.ok) throw new Error(`${path}: ${res.status}`)
    return await res.json()
  }
  const promoterId = async (code: string): Promise<string> => (await admin(`/admin/promoters?q=${code}`)).promoters.find((p: Json) => p.referral_code === code).id
  const attributionOf = (orderId: string): Promise<Json> =>
    until(async () => (await admin(`/admin/orders/${orderId}/promoter-attribution`).catch(() => undefined))?.attribution)
  const storefrontCalls = async (): Promise<{ path: string; status: number; headers: Record<string, string> }[]> =>
    (await fetch(`${storefrontUrl}/__calls`)).json()

  /** A page elsewhere (a chat message, a post) with the promoter's short link, clicked. */
  const clickShortLink = async (page: Page, code: string) => {
    await page.setContent(`<a id="share" href="${demo.baseUrl}/r/${code}?utm_source=chat">Look at this kettle</a>`)
    await Promise.all([page.waitForURL((url) => url.origin === storefrontUrl), page.click("#share")])
  }

  /** The shopper adds the kettle to the cart and checks out on the storefront; returns the order id. */
  const buy = async (page: Page, { email, coupon }: { email: string; coupon?: string }) => {
    await page.getByRole("button", { name: "Add to cart" }).click()
    await page.waitForURL(`${storefrontUrl}/cart`)
    await page.locator('input[name="email"]').fill(email)
    if (coupon) await page.locator('input[name="coupon"]').fill(coupon)
    await page.getByRole("button", { name: "Place order" }).click()
    await page.getByTestId("order-id").waitFor()
    return (await page.getByTestId("order-id").textContent())!
  }

  const noServerErrors = async (problems: string[]) => {
    expect(problems.filter((p) => /HTTP 5\d\d/.test(p))).toEqual([])
    expect((await storefrontCalls()).filter((c) => c.status >= 500)).toEqual([])
  }

  it("short link → storefront on another site → its server's cart → order: credited by the click's touch", async () => {
    const { page, context, problems } = await demo.newPage({ userAgent: CHROME })
    await clickShortLink(page, "JANE")
    // The storefront kept the referral in its own cookie and took the token off the address bar.
    expect(page.url()).toBe(`${storefrontUrl}/?utm_source=chat`)
    expect(await page.getByTestId("referred-by").textContent()).toBe("Referred by JANE")
    const cookies = await context.cookies()
    const mine = cookies.find((c) => c.name === "prm_visitor")!
    expect(mine).toEqual(expect.objectContaining({ domain: "127.0.0.1", httpOnly: true, sameSite: "Lax" }))
    const [visitorId, code] = mine.value.split(".")
    expect(code).toBe("JANE")
    // The API's own cookie stayed on the API's host, where the storefront's server never sees it.
    expect(cookies.find((c) => c.name === "prm_ref")).toEqual(expect.objectContaining({ domain: "localhost" }))

    const callsBefore = (await storefrontCalls()).length
    const orderId = await buy(page, { email: `shopper-${Date.now()}@example.com` })
    const cartWrites = (await storefrontCalls()).slice(callsBefore).filter((c) => /^\/store\/carts(\/[^/]+)?$/.test(c.path))
    expect(cartWrites.length).toBeGreaterThanOrEqual(2)
    for (const call of cartWrites) expect(call.headers["x-promoter-visitor"]).toBe(mine.value)

    const a = await attributionOf(orderId)
    expect(a.promoter_id).toBe(await promoterId("JANE"))
    expect(a.decided_by).toBe("touch")
    expect(a.channel).toBe("chat")
    expect(a.touches.find((t: Json) => t.id === a.winning_touch_id)).toEqual(
      expect.objectContaining({ visitor_id: visitorId, source: "link", utm_source: "chat" })
    )
    await noServerErrors(problems)
    await context.close()
  })

  it("a promoter's coupon applied on the storefront credits that promoter; the click's touch is a candidate", async () => {
    const sam = demo.info.promoters.find((p) => p.code === "SAM")!
    const { page, context, problems } = await demo.newPage({ userAgent: CHROME })
    await clickShortLink(page, "JANE")
    const orderId = await buy(page, { email: `coupon-${Date.now()}@example.com`, coupon: sam.coupons[0] })
    const a = await attributionOf(orderId)
    expect(a.promoter_id).toBe(await promoterId("SAM"))
    expect(a.decided_by).toBe("coupon")
    const jane = await promoterId("JANE")
    expect(a.candidates).toEqual(expect.arrayContaining([expect.objectContaining({ source: "touch", promoter_id: jane })]))
    await noServerErrors(problems)
    await context.close()
  })

  it("a forged token on the landing URL attributes nothing, and breaks nothing", async () => {
    // A real token first (a real visitor with Jane's touch), then two forgeries of it: the visitor changed under the
    // signature, and the signature made up for the real visitor.
    const genuine = await demo.newPage({ userAgent: CHROME })
    await clickShortLink(genuine.page, "JANE")
    const token = (await genuine.context.cookies()).find((c) => c.name === "prm_visitor")!.value
    await genuine.context.close()
    const [visitorId, code, issuedAt, signature] = token.split(".")
    const forgeries = [`${"z".repeat(20)}.${code}.${issuedAt}.${signature}`, `${visitorId}.${code}.${issuedAt}.${"A".repeat(43)}`]
    for (const forged of forgeries) {
      const { page, context, problems } = await demo.newPage({ userAgent: CHROME })
      await page.goto(`${storefrontUrl}/?ref=JANE&prm=${forged}`)
      expect(page.url()).toBe(`${storefrontUrl}/`)
      const orderId = await buy(page, { email: `forged-${Date.now()}@example.com` })
      const a = await attributionOf(orderId)
      expect([forged, a.promoter_id, a.candidates]).toEqual([forged, null, []])
      await noServerErrors(problems)
      await context.close()
    }
  })
})
