import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { hashTouchKeySecret, presentedTouchKey } from "../../lib/attribution/touch-key"
import { attributionService, visitorOf } from "./visitor"

/** Who records a touch, and so whom it may name. */
export type TouchAuthority =
  | { kind: "key"; keyId: string }
  | { kind: "customer"; customerId: string; email: string }
  | { kind: "anonymous" }

/**
 * A touch that names a person binds that person's next order to a promoter, so it must come from someone entitled to
 * say so: an app or till with a touch key the admin issued (any e-mail), or a logged-in customer (about themselves).
 * Anyone else records a visitor only. A presented key that is unknown or revoked is a 401, not a quiet downgrade.
 */
export async function touchAuthority(req: MedusaRequest & { auth_context?: { actor_id?: string } }): Promise<TouchAuthority> {
  const secret = presentedTouchKey(req.headers)
  if (secret) {
    const [key] = await attributionService(req).listTouchKeys(
      { secret_hash: hashTouchKeySecret(secret), revoked_at: null },
      { select: ["id"], take: 1 }
    )
    if (!key) throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "This touch key is unknown or revoked")
    return { kind: "key", keyId: key.id }
  }
  const customerId = req.auth_context?.actor_id
  if (customerId) {
    const customer = await req.scope.resolve(Modules.CUSTOMER).retrieveCustomer(customerId, { select: ["id", "email"] })
    return { kind: "customer", customerId, email: customer.email.toLowerCase() }
  }
  return { kind: "anonymous" }
}

/** The e-mail and customer a touch may carry for this caller; refuses (403) naming anyone else. */
export function personOfTouch(authority: TouchAuthority, email: string | undefined): { email: string | null; customerId: string | null } {
  const asked = email?.toLowerCase() ?? null
  if (authority.kind === "key") return { email: asked, customerId: null }
  if (authority.kind === "customer") {
    if (asked && asked !== authority.email) {
      throw new MedusaError(MedusaError.Types.FORBIDDEN, "A customer may record a touch about themselves only: leave out email or send your own")
    }
    return { email: authority.email, customerId: authority.customerId }
  }
  if (asked) {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      "A touch that names a person (email) needs a touch key (x-promoter-touch-key) or that person logged in; send visitor_id instead"
    )
  }
  return { email: null, customerId: null }
}

/** Visitor ids an unsigned caller names are kept under this prefix, apart from the visitors short links make. */
export const UNSIGNED_VISITOR_PREFIX = "app:"

/**
 * The visitor a touch is recorded under. Carts are credited through a visitor's touches (the visitor comes from the
 * signed token or cookie), so naming a visitor is a claim on that shopper's next order. A touch key's holder (an app
 * or till the admin trusts) and a caller who presents that visitor's signed token (x-promoter-visitor or the cookie)
 * name the visitor itself. Anyone else names an id of their own: it is kept as `app:<id>`, which no short-link
 * visitor has, so it still counts in the promoter's figures but adds no touch to another shopper's visitor.
 */
export function visitorOfTouch(req: MedusaRequest, authority: TouchAuthority, asked: string | undefined): string | null {
  if (!asked) return null
  if (authority.kind === "key") return asked
  if (visitorOf(req)?.visitorId === asked) return asked
  return `${UNSIGNED_VISITOR_PREFIX}${asked}`
}
