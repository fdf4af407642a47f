// The webhooks page in the real Medusa dashboard (Chromium): an admin adds an endpoint, copies its secret once, and
// sees the delivery the store's own worker job made to a local receiver, which verified the signature.
import http from "node:http"
import type { AddressInfo } from "node:net"
import type { Page } from "playwright-core"
import { verify } from "../../src/lib/webhooks/signature"
import { adminLogin, startBrowserDemo, until, type BrowserDemo } from "./harness"

jest.setTimeout(300_000)

describe("Webhooks page (real dashboard, Chromium)", () => {
  let demo: BrowserDemo
  let page: Page
  let problems: string[]
  let receiver: http.Server
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = []

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      let body = ""
      req.on("data", (c) => (body += c))
      req.on("end", () => {
        received.push({ headers: req.headers, body })
        res.end("ok")
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
    // The receiver is on this machine: the store must allow private addresses (refused by default).
    demo = await startBrowserDemo("webhooks", { env: { PROMOTER_OPTIONS_JSON: JSON.stringify({ webhooks: { allowPrivateUrls: true } }) } })
    ;({ page, problems } = await demo.newPage())
    await adminLogin(page, demo, problems)
  })
  afterAll(async () => {
    await demo?.stop()
    await new Promise((resolve) => receiver?.close(resolve))
  })
  afterEach(() => {
    expect(problems).toEqual([])
  })

  it("creates an endpoint, shows its secret once, and lists the delivery the worker made, with its status code", async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`
    await page.goto("/app/webhooks")
    await page.getByText("No endpoints yet").waitFor()
    await page.getByLabel("Endpoint URL").fill(url)
    await page.getByRole("combobox", { name: "Events" }).selectOption("promoter.enrolled")
    await page.getByRole("button", { name: "Add endpoint" }).click()
    const secret = (await page.getByTestId("webhook-secret").textContent())?.trim() ?? ""
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/)
    await page.getByTestId("webhook-endpoint-row").filter({ hasText: url }).waitFor()
    await page.getByRole("button", { name: "Done" }).click()
    await expect(page.getByTestId("webhook-secret").count()).resolves.toBe(0)

    // An event the endpoint listens to; the store's delivery job (every minute) sends it.
    const enrol = await page.request.post(`${demo.baseUrl}/admin/promoters`, { data: { name: "Hook Test", email: "hook-test@example.com", referral_code: "HOOKTEST" } })
    expect(enrol.status()).toBe(201)
    await until(async () => received.length >= 1, { timeout: 150_000, every: 1000 })
    const [request] = received
    expect(verify({ secret, headers: request.headers as Record<string, string>, body: request.body, nowSeconds: Math.floor(Date.now() / 1000) })).toEqual({ ok: true })
    expect(JSON.parse(request.body)).toMatchObject({ type: "promoter.enrolled", data: { status: expect.any(String) } })

    await page.getByTestId("webhook-endpoint-row").filter({ hasText: url }).getByRole("button", { name: "Deliveries" }).click()
    const row = page.getByTestId("webhook-delivery-row").first()
    await until(async () => {
      await page.getByRole("button", { name: "Refresh" }).click()
      return (await row.textContent({ timeout: 2000 }))?.includes("succeeded")
    })
    await expect(row.getByTestId("webhook-delivery-code").textContent()).resolves.toBe("200")
    await expect(row.textContent()).resolves.toContain("promoter.enrolled")
    await demo.screenshot(page, "admin-webhooks")

    // Redeliver from the page: the worker sends the same message again.
    await row.getByRole("button", { name: "Redeliver" }).click()
    await until(async () => received.length >= 2, { timeout: 150_000, every: 1000 })
    expect(received[1].headers["webhook-id"]).toBe(request.headers["webhook-id"])
  })
})
