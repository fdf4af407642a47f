// A tiny server-rendered storefront for integration-tests/browser/storefront.spec.ts, shaped like the Next.js starter:
// its "middleware" keeps the referral of a landing URL in a first-party cookie, and every store API call is made
// from this server (the browser never talks to the store API, so no cookie of the API's host reaches a cart).
// It uses the plugin the way a store's storefront does: `medusa-plugin-promoter/storefront`, through the package's
// exports, as built into .medusa/server. Run: PORT=… MEDUSA_URL=… PUBLISHABLE_KEY=… node storefront-server.mjs
import http from "node:http"
import { promoterHeaders, readReferralCookie, referralCookie, referralFromUrl } from "medusa-plugin-promoter/storefront"

const { PORT, MEDUSA_URL, PUBLISHABLE_KEY } = process.env
/** Every store API call this server made: what the test checks (headers sent, no 5xx). */
const calls = []

async function medusa(path, { body, headers = {} } = {}) {
  const res = await fetch(`${MEDUSA_URL}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", "x-publishable-api-key": PUBLISHABLE_KEY, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = await res.json().catch(() => ({}))
  calls.push({ path, status: res.status, headers })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json).slice(0, 300)}`)
  return json
}

function cookieOf(req, name) {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=")
    if (key === name) return rest.join("=")
  }
  return undefined
}

async function formOf(req) {
  let text = ""
  for await (const chunk of req) text += chunk
  return Object.fromEntries(new URLSearchParams(text))
}

const page = (body) => `<!doctype html><html><head><meta charset="utf-8"><title>Storefront</title></head><body>${body}</body></html>`
const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)

async function handle(req, res) {
  const url = new URL(req.url, `http://${req.headers.host}`)
  // The starter's middleware: a landing URL's referral goes into the storefront's own cookie, and the shopper is sent
  // on to the same page without it.
  const landing = referralFromUrl(url)
  if (landing) {
    const headers = { location: landing.cleanUrl, "cache-control": "no-store" }
    if (landing.referral) headers["set-cookie"] = referralCookie(landing.referral, { secure: url.protocol === "https:" })
    res.writeHead(307, headers).end()
    return
  }
  // The starter's cart data functions: cart create and update carry the referral's headers.
  const referral = readReferralCookie(req.headers.cookie)
  if (req.method === "POST" && url.pathname === "/cart/add") {
    const { regions } = await medusa("/store/regions")
    const region = regions.find((r) => r.currency_code === "usd")
    const { products } = await medusa(`/store/products?region_id=${region.id}&fields=*variants`)
    const { cart } = await medusa("/store/carts", { body: { region_id: region.id }, headers: promoterHeaders(referral) })
    await medusa(`/store/carts/${cart.id}/line-items`, { body: { variant_id: products[0].variants[0].id, quantity: 1 } })
    res.writeHead(303, { location: "/cart", "set-cookie": `_medusa_cart_id=${cart.id}; Path=/; HttpOnly; SameSite=Strict` }).end()
    return
  }
  const cartId = cookieOf(req, "_medusa_cart_id")
  if (req.method === "POST" && url.pathname === "/checkout" && cartId) {
    const { email, coupon } = await formOf(req)
    const address = { first_name: "Pat", last_name: "Shopper", address_1: `${[...String(email)].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 9973, 0) + 1} Main St`, city: "Austin", country_code: "us", postal_code: "73301" }
    await medusa(`/store/carts/${cartId}`, { body: { email, shipping_address: address, billing_address: address }, headers: promoterHeaders(referral) })
    const { shipping_options } = await medusa(`/store/shipping-options?cart_id=${cartId}`)
    await medusa(`/store/carts/${cartId}/shipping-methods`, { body: { option_id: shipping_options[0].id } })
    if (coupon) await medusa(`/store/carts/${cartId}`, { body: { promo_codes: [coupon] }, headers: promoterHeaders(referral) })
    const { payment_collection } = await medusa("/store/payment-collections", { body: { cart_id: cartId } })
    await medusa(`/store/payment-collections/${payment_collection.id}/payment-sessions`, { body: { provider_id: "pp_system_default" } })
    const done = await medusa(`/store/carts/${cartId}/complete`, { body: {} })
    if (done.type !== "order") throw new Error(`the cart did not complete: ${JSON.stringify(done).slice(0, 300)}`)
    res.writeHead(303, { location: `/order/${done.order.id}`, "set-cookie": "_medusa_cart_id=; Path=/; Max-Age=0" }).end()
    return
  }
  if (url.pathname === "/__calls") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(calls))
    return
  }
  if (url.pathname.startsWith("/order/")) {
    const id = url.pathname.slice("/order/".length)
    res.writeHead(200, { "content-type": "text/html" }).end(page(`<h1>Thank you</h1><p data-testid="order-id">${escape(id)}</p>`))
    return
  }
  if (url.pathname === "/cart" && cartId) {
    res.writeHead(200, { "content-type": "text/html" }).end(
      page(`<h1>Your cart</h1><form method="post" action="/checkout">
        <label>E-mail <input name="email" type="email" required></label>
        <label>Coupon <input name="coupon"></label>
        <button type="submit">Place order</button></form>`)
    )
    return
  }
  const greeting = referral ? `<p data-testid="referred-by">Referred by ${escape(referral.code)}</p>` : ""
  res.writeHead(200, { "content-type": "text/html" }).end(
    page(`<h1>Cast-iron kettle</h1>${greeting}<form method="post" action="/cart/add"><button type="submit">Add to cart</button></form>`)
  )
}

http
  .createServer((req, res) => {
    handle(req, res).catch((error) => {
      res.writeHead(502, { "content-type": "text/plain" }).end(`storefront error: ${error.message}`)
    })
  })
  .listen(Number(PORT), "127.0.0.1", () => console.log(`storefront listening on ${PORT}`))
