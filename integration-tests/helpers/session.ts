// Sessions the way users have them: an admin who logged in with e-mail and password, a storefront with its
// publishable key, a customer who registered and logged in.
import type { MedusaContainer } from "@medusajs/framework/types"
import { createUserAccountWorkflow } from "@medusajs/medusa/core-flows"
import type { AxiosInstance } from "axios"
import { seedStore, type StoreFixture } from "../../demo/fixtures/store"

export type Headers = { headers: Record<string, string> }

export async function adminSession(
  api: AxiosInstance,
  container: MedusaContainer,
  { email = "admin@example.com", password = "admin-password" } = {}
): Promise<Headers> {
  const registered = await api.post("/auth/user/emailpass/register", { email, password })
  await createUserAccountWorkflow(container).run({
    input: { authIdentityId: authIdentityIdFrom(registered.data.token), userData: { email } },
  })
  const login = await api.post("/auth/user/emailpass", { email, password })
  return { headers: { authorization: `Bearer ${login.data.token}` } }
}

export async function storeSession(container: MedusaContainer): Promise<StoreFixture & Headers> {
  const fixture = await seedStore(container)
  return { ...fixture, headers: { "x-publishable-api-key": fixture.publishableKey } }
}

/** Registers a customer through the store API and returns headers carrying their token. */
export async function customerSession(
  api: AxiosInstance,
  store: Headers,
  { email, password = "customer-password", first_name = "Casey", last_name = "Customer" }: {
    email: string
    password?: string
    first_name?: string
    last_name?: string
  }
): Promise<Headers & { customerId: string }> {
  const registered = await api.post("/auth/customer/emailpass/register", { email, password })
  const created = await api.post(
    "/store/customers",
    { email, first_name, last_name },
    { headers: { ...store.headers, authorization: `Bearer ${registered.data.token}` } }
  )
  const login = await api.post("/auth/customer/emailpass", { email, password })
  return {
    customerId: created.data.customer.id,
    headers: { ...store.headers, authorization: `Bearer ${login.data.token}` },
  }
}

function authIdentityIdFrom(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"))
  return payload.auth_identity_id
}
