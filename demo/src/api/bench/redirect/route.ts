import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/** The benchmark's anchor: a bare route on the same server that only answers 302 (demo store only). */
export const GET = async (_req: MedusaRequest, res: MedusaResponse) => {
  res.redirect(302, "http://localhost:8000/")
}
