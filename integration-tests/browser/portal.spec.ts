// The promoter portal (GET /promoter) in a real browser against the demo store: log-in with a seeded promoter's shop
// account, the numbers shown are the API's, copy buttons, QR images, the invitation form, errors, log-out, on a
// desktop and on a 375 px phone.
import type { Page } from "playwright-core"
import { startBrowserDemo, type BrowserDemo } from "./harness"

jest.setTimeout(300_000)

const TOKEN_KEY = "promoter-portal:token"

type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any

describe("Promoter portal (Chromium)", () => {
  let demo: BrowserDemo
  beforeAll(async () => {
    demo = await startBrowserDemo("portal")
  })
  afterAll(async () => {
    await demo?.stop()
  })

  const promoter = (code: string) => {
    const p = demo.info.promoters.find((x) => x.code === code)
    if (!p?.email || !p.password) throw new Error(`the demo info has no log-in for ${code}`)
    return p as typeof p & { password: string }
  }

  /** The same store API call the page makes, with the page's own token. */
  const api = async (token: string, path: string): Promise<Json> => {
    const res = await fetch(`${demo.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}`, "x-publishable-api-key": demo.info.publishableKey },
    })
    if (!res.ok) throw new Error(`${path}: ${res.status}`)
    return await res.json()
  }

  const login = async (page: Page, email: string, password: string) => {
    await page.locator("#email").fill(email)
    await page.locator("#password").fill(password)
    await page.getByRole("button", { name: "Log in" }).click()
  }

  const tokenOf = async (page: Page) => {
    const token = await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)
    if (!token) throw new Error("no token in sessionStorage")
    return token
  }

  const value = async (page: Page, testId: string) => await page.getByTestId(testId).getAttribute("data-value")

  /** The dashboard's numbers are the API's: invitations, clicks, conversions, income per status. */
  const expectNumbersFromApi = async (page: Page, token: string) => {
    const { stats } = await api(token, "/store/promoters/me/stats")
    await page.getByTestId("kpi-clicks").waitFor()
    expect(await value(page, "kpi-invitations")).toBe(String(stats.totals.invitations))
    expect(await value(page, "kpi-clicks")).toBe(String(stats.totals.clicks))
    expect(await value(page, "kpi-conversions")).toBe(String(stats.totals.conversions))
    expect(await page.getByTestId("kpi-clicks").textContent()).toBe(new Intl.NumberFormat("en-US").format(stats.totals.clicks))
    for (const row of stats.income) {
      for (const status of ["pending", "approved", "paid"]) {
        expect(await value(page, `income-${status}-${row.currency_code}`)).toBe(row[status])
      }
    }
    return stats
  }

  /** Waits for every section to leave its loading state. */
  const settled = async (page: Page) => {
    await page.waitForFunction(() => !document.querySelector("[aria-busy=true]") && !!document.querySelector("[data-testid=card-team] .card-body > :not(.skeleton)"))
  }

  /** The copy button's visible confirmation. */
  const copied = (page: Page, selector: string) =>
    page.waitForFunction((sel) => document.querySelector(sel)?.textContent === "Copied", selector, { timeout: 5000 })

  const qrLoaded = (page: Page, testId: string) =>
    page.waitForFunction((id) => {
      const images = [...document.querySelectorAll(`img[data-testid=${id}]`)] as HTMLImageElement[]
      return images.length > 0 && images.every((img) => img.complete && img.naturalWidth > 0)
    }, testId)

  it("refuses a wrong password clearly, tells a shop customer who is no promoter so, and shows each promoter only their own data", async () => {
    const { page, problems } = await demo.newPage()
    await page.goto("/promoter")
    await page.getByTestId("login-form").waitFor()
    await demo.screenshot(page, "portal-login")

    const jane = promoter("JANE")
    await login(page, jane.email, "not-the-password")
    await page.getByTestId("login-error").waitFor()
    expect(await page.getByTestId("login-error").textContent()).toMatch(/don't match a shop account/)
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).toBeNull()
    // The refused log-in is the only failed request (the browser logs the 401 it got).
    const expected = (p: string) => /401/.test(p) && /auth\/customer\/emailpass|Failed to load resource/.test(p)
    expect(problems.filter((p) => !expected(p))).toEqual([])
    expect(problems.some((p) => /auth\/customer\/emailpass/.test(p) || /401/.test(p))).toBe(true)
    problems.length = 0

    // A shop customer who is not a promoter.
    const email = `shopper-${Date.now()}@example.com`
    const registered = await (
      await fetch(`${demo.baseUrl}/auth/customer/emailpass/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "shopper-password" }),
      })
    ).json()
    const created = await fetch(`${demo.baseUrl}/store/customers`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${registered.token}`, "x-publishable-api-key": demo.info.publishableKey },
      body: JSON.stringify({ email, first_name: "Pat" }),
    })
    expect(created.status).toBe(200)
    await login(page, email, "shopper-password")
    await page.getByTestId("not-promoter").waitFor()
    expect(await page.getByTestId("not-promoter").textContent()).toMatch(/isn't part of the promoter programme/)
    expect(problems.filter((p) => !(/404/.test(p) && /store\/promoters\/me|Failed to load resource/.test(p)))).toEqual([])
    problems.length = 0
    await page.getByTestId("logout").click()
    await page.getByTestId("login-form").waitFor()

    // Kim sees Kim's numbers, not Jane's.
    const kim = promoter("KIM")
    await login(page, kim.email, kim.password)
    await page.getByTestId("greeting").waitFor()
    expect(await page.getByTestId("greeting").textContent()).toBe("Hi, Kim")
    const token = await tokenOf(page)
    expect((await api(token, "/store/promoters/me")).promoter.referral_code).toBe("KIM")
    await expectNumbersFromApi(page, token)
    await settled(page)
    expect(await page.getByTestId("team-empty").isVisible()).toBe(true)
    expect(problems).toEqual([])
  })

  it("desktop: shows the API's numbers, goals, links with QR codes and coupons; copies, invites, logs out", async () => {
    const { page, context, problems } = await demo.newPage()
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: demo.baseUrl })
    await page.goto("/promoter")
    const jane = promoter("JANE")
    await login(page, jane.email, jane.password)
    await page.getByTestId("greeting").waitFor()
    const token = await tokenOf(page)
    const stats = await expectNumbersFromApi(page, token)
    expect(stats.totals.clicks).toBeGreaterThan(0)
    expect(stats.income.length).toBeGreaterThan(0)
    await settled(page)

    // Goals: "$1,270 of $1,500 in sales this month", from the seeded rule, as the API computes them.
    const { goals, tier } = await api(token, "/store/promoters/me/goals")
    const money = (m: { amount: string; currency_code: string }) =>
      new Intl.NumberFormat("en-US", { style: "currency", currency: m.currency_code.toUpperCase(), ...(Number.isInteger(Number(m.amount)) ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}) }).format(Number(m.amount))
    const sales = goals.find((g: Json) => g.metric === "sales_amount")
    expect(sales).toBeDefined()
    const texts = await page.getByTestId("goal-text").allTextContents()
    expect(texts).toContain(`${money(sales.current)} of ${money(sales.target)} in sales ${sales.period.label}`)
    expect(texts).toHaveLength(goals.length)
    expect(tier?.next?.name).toBe("Platinum")
    expect(await page.getByTestId("tier-progress").textContent()).toContain("Next tier: Platinum")
    // Team size.
    const { downline } = await api(token, "/store/promoters/me/downline")
    expect(await value(page, "team-total")).toBe(String(downline.total))

    // Links: the QR images load; copy puts the link on the clipboard and says so.
    await qrLoaded(page, "qr-main")
    await qrLoaded(page, "qr-named")
    const { share } = await api(token, "/store/promoters/me/links")
    expect(await page.getByTestId("link-main-value").inputValue()).toBe(share.short_link)
    await page.getByTestId("link-main-copy").click()
    await copied(page, "[data-testid=link-main-copy]")
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(share.short_link)
    const firstCoupon = (await page.getByTestId("coupon-code").first().textContent())!
    await page.getByTestId("coupon-copy").first().click()
    await copied(page, "[data-testid=coupon-copy]")
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(firstCoupon)
    expect((jane as { coupons?: string[] }).coupons).toContain(firstCoupon)

    // The chart switches between clicks, orders and income.
    for (const metric of ["conversions", "income", "clicks"]) {
      await page.getByTestId(`metric-${metric}`).click()
      await page.locator("[data-testid=chart], [data-testid=chart-empty]").first().waitFor()
    }
    // Another range: the numbers are the API's for the same query.
    const [week] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/store/promoters/me/stats?from=")),
      page.getByTestId("range-7").click(),
    ])
    await page.waitForFunction(() => !document.querySelector("[data-testid=kpis][aria-busy=true]"))
    const weekStats = (await api(token, new URL(week.url()).pathname + new URL(week.url()).search)).stats
    expect(await value(page, "kpi-clicks")).toBe(String(weekStats.totals.clicks))
    await page.getByTestId("range-30").click()
    await page.waitForFunction(() => !document.querySelector("[data-testid=kpis][aria-busy=true]"))
    await expectNumbersFromApi(page, token)

    await page.mouse.move(0, 0)
    await page.evaluate(() => window.scrollTo(0, 0))
    await demo.screenshot(page, "portal-dashboard")

    // The invitation form: a bad address is refused before sending; a good one is sent and counted.
    const before = Number(await value(page, "kpi-invitations"))
    await page.locator("#invite-email").fill("not-an-address")
    await page.getByTestId("invite-submit").click()
    expect(await page.getByTestId("invite-error").textContent()).toMatch(/valid e-mail/)
    await page.locator("#invite-email").fill("friend-from-the-portal@example.com")
    await page.locator("#invite-name").fill("Robin")
    await page.locator("#invite-message").fill("You'll love the tea.")
    await page.locator("#invite-link").selectOption("tea")
    await page.getByTestId("invite-submit").click()
    await page.getByTestId("invite-success").waitFor()
    expect(await page.getByTestId("invite-success").textContent()).toContain("friend-from-the-portal@example.com")
    await page.waitForFunction((n) => document.querySelector("[data-testid=kpi-invitations]")?.getAttribute("data-value") === String(n), before + 1)
    expect((await api(token, "/store/promoters/me/stats")).stats.totals.invitations).toBe(before + 1)

    // Log-out forgets the token; a reload stays logged out.
    await page.getByTestId("logout").click()
    await page.getByTestId("login-form").waitFor()
    expect(await page.getByTestId("login-message").textContent()).toMatch(/logged out/)
    expect(await page.evaluate((key) => sessionStorage.getItem(key), TOKEN_KEY)).toBeNull()
    await page.reload()
    await page.getByTestId("login-form").waitFor()
    expect(problems).toEqual([])
  })

  it("shows what promoters typed as text, never as markup: a name and a link name that are HTML", async () => {
    // A shop customer who enrols with markup as their name and names a link the same way.
    const name = `<img src=x onerror="document.body.dataset.xss='name'">Eve <b>Bold</b>`
    const linkName = `<img src=x onerror="document.body.dataset.xss='link'"> Tea link`
    const email = `markup-${Date.now()}@example.com`
    const store = { "content-type": "application/json", "x-publishable-api-key": demo.info.publishableKey }
    const registered = await (
      await fetch(`${demo.baseUrl}/auth/customer/emailpass/register`, { method: "POST", headers: store, body: JSON.stringify({ email, password: "markup-password" }) })
    ).json()
    const headers = { ...store, authorization: `Bearer ${registered.token}` }
    expect((await fetch(`${demo.baseUrl}/store/customers`, { method: "POST", headers, body: JSON.stringify({ email }) })).status).toBe(200)
    const login = await (
      await fetch(`${demo.baseUrl}/auth/customer/emailpass`, { method: "POST", headers: store, body: JSON.stringify({ email, password: "markup-password" }) })
    ).json()
    const session = { ...store, authorization: `Bearer ${login.token}` }
    expect((await fetch(`${demo.baseUrl}/store/promoters/me`, { method: "POST", headers: session, body: JSON.stringify({ name }) })).status).toBe(201)
    const link = await fetch(`${demo.baseUrl}/store/promoters/me/links`, { method: "POST", headers: session, body: JSON.stringify({ slug: "markup", name: linkName, destination: "/products" }) })
    expect(link.status).toBe(201)

    const { page, problems } = await demo.newPage()
    await page.goto("/promoter")
    await page.locator("#email").fill(email)
    await page.locator("#password").fill("markup-password")
    await page.getByRole("button", { name: "Log in" }).click()
    await page.getByTestId("greeting").waitFor()
    await settled(page)
    expect(await page.getByTestId("greeting").textContent()).toBe("Hi, <img")
    expect(await page.locator(".who-name").textContent()).toBe(name)
    expect(await page.getByTestId("named-link").locator(".link-name").textContent()).toContain(linkName)
    expect(await page.locator("#invite-link option").allTextContents()).toContain(linkName)
    // No element came from the text: no image (whose load of "x" would also be a failed request), no bold.
    expect(await page.locator("#app img:not([data-testid^=qr]), #app b").count()).toBe(0)
    expect(await page.evaluate(() => document.body.dataset.xss ?? null)).toBeNull()
    expect(problems).toEqual([])
  })

  it("works on a 375 px phone: everything fits the width, same numbers", async () => {
    const { page, problems } = await demo.newPage()
    await page.setViewportSize({ width: 375, height: 812 })
    await page.goto("/promoter")
    const jane = promoter("JANE")
    await login(page, jane.email, jane.password)
    await page.getByTestId("greeting").waitFor()
    await expectNumbersFromApi(page, await tokenOf(page))
    await settled(page)
    await qrLoaded(page, "qr-main")
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    // Every card is as wide as the page allows, none wider.
    const widths = await page.locator("section.card").evaluateAll((cards) => cards.map((c) => Math.round(c.getBoundingClientRect().width)))
    expect(new Set(widths).size).toBe(1)
    expect(widths[0]).toBeLessThanOrEqual(375)
    await page.mouse.move(0, 0)
    await demo.screenshot(page, "portal-mobile")
    expect(problems).toEqual([])
  })
})
