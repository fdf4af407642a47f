import Medusa from "@medusajs/js-sdk"

declare const __BACKEND_URL__: string | undefined

// The admin's own session (cookie) authenticates these calls; the backend URL is the one the dashboard was built
// with ("" or "/" = same origin).
export const sdk = new Medusa({
  baseUrl: (typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__) || "/",
  auth: { type: "session" },
})
