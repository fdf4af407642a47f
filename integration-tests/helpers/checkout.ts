// A shopper's checkout through Medusa's standard store API, step by step.
import type { AxiosInstance } from "axios"
import type { Headers } from "./session"

export type CheckoutInput = {
  regionId: string
  variantId: string
  shippingOptionId: string
  quantity?: number
  email?: string
  /** The shipping address's street; by default one of the shopper's own (streetOf their e-mail). */
  street?: string
  promoCodes?: string[]
  /** Extra headers for cart requests (e.g. a customer's token, a referral cookie). */
  headers: Record<string, string>
  cartBody?: Record<string, unknown>
  /** The shipping country; it must belong to the region (us for USD, de for EUR in the fixture). */
  countryCode?: string
}

export async function createCart(api: AxiosInstance, input: CheckoutInput) {
  const { data } = await api.post(
    "/store/carts",
    { region_id: input.regionId, email: input.email ?? "shopper@example.com", ...(input.cartBody ?? {}) },
    { headers: input.headers }
  )
  const cartId: string = data.cart.id
  await api.post(
    `/store/carts/${cartId}/line-items`,
    { variant_id: input.variantId, quantity: input.quantity ?? 1 },
    { headers: input.headers }
  )
  await api.post(
    `/store/carts/${cartId}`,
    {
      shipping_address: {
        first_name: "Sam",
        last_name: "Shopper",
        address_1: input.street ?? streetOf(input.email ?? "shopper@example.com"),
        city: "Austin",
        country_code: input.countryCode ?? "us",
        postal_code: "73301",
      },
    },
    { headers: input.headers }
  )
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: input.shippingOptionId }, { headers: input.headers })
  if (input.promoCodes?.length) {
    await api.post(`/store/carts/${cartId}/promotions`, { promo_codes: input.promoCodes }, { headers: input.headers })
  }
  return cartId
}

export async function completeCart(api: AxiosInstance, cartId: string, store: Headers) {
  const { data: pc } = await api.post("/store/payment-collections", { cart_id: cartId }, store)
  await api.post(
    `/store/payment-collections/${pc.payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    store
  )
  const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, store)
  if (data.type !== "order") throw new Error(`Cart did not complete: ${JSON.stringify(data).slice(0, 500)}`)
  return data.order as { id: string; total: number; discount_total: number; item_total: number; currency_code: string }
}

export async function checkout(api: AxiosInstance, input: CheckoutInput) {
  const cartId = await createCart(api, input)
  return await completeCart(api, cartId, { headers: input.headers })
}

/**
 * The same checkout in fewer requests (the cart is created with its item, address and coupons): for tests that place
 * many orders. Returns the order.
 */
export async function placeOrder(api: AxiosInstance, input: CheckoutInput) {
  const { data } = await api.post(
    "/store/carts",
    {
      region_id: input.regionId,
      email: input.email ?? "shopper@example.com",
      items: [{ variant_id: input.variantId, quantity: input.quantity ?? 1 }],
      shipping_address: {
        first_name: "Sam",
        last_name: "Shopper",
        address_1: input.street ?? streetOf(input.email ?? "shopper@example.com"),
        city: "Austin",
        country_code: input.countryCode ?? "us",
        postal_code: "73301",
      },
      ...(input.promoCodes?.length ? { promo_codes: input.promoCodes } : {}),
      ...(input.cartBody ?? {}),
    },
    { headers: input.headers }
  )
  const cartId: string = data.cart.id
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: input.shippingOptionId }, { headers: input.headers })
  return await completeCart(api, cartId, { headers: input.headers })
}

/**
 * An admin fulfils the order's first item in full, then takes `quantity` of it back through Medusa's return flow
 * (request, receive, confirm): the store emits order.return_received. Returns the return's id.
 */
export async function returnFirstItem(api: AxiosInstance, admin: Headers, { orderId, quantity }: { orderId: string; quantity: number }): Promise<string> {
  const full = (await api.get(`/admin/orders/${orderId}?fields=*items`, admin)).data.order
  const item = full.items[0]
  await api.post(`/admin/orders/${orderId}/fulfillments`, { items: [{ id: item.id, quantity: item.quantity }] }, admin)
  const { data: created } = await api.post("/admin/returns", { order_id: orderId }, admin)
  const returnId = created.return.id as string
  await api.post(`/admin/returns/${returnId}/request-items`, { items: [{ id: item.id, quantity }] }, admin)
  await api.post(`/admin/returns/${returnId}/request`, {}, admin)
  await api.post(`/admin/returns/${returnId}/receive`, {}, admin)
  await api.post(`/admin/returns/${returnId}/receive-items`, { items: [{ id: item.id, quantity }] }, admin)
  await api.post(`/admin/returns/${returnId}/receive/confirm`, {}, admin)
  return returnId
}

/** A street address of the shopper's own, from their e-mail: distinct shoppers do not share one (risk counts that). */
export function streetOf(email: string): string {
  let n = 0
  for (const c of email) n = (n * 31 + c.charCodeAt(0)) % 9973
  return `${n + 1} Main St`
}
