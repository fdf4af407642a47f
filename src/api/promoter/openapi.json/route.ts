import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { openApiDocumentText } from "../../openapi/document"

/**
 * The OpenAPI 3.1 document of every route the plugin adds. Public and cacheable: built once per process; Express adds
 * an ETag and answers 304 to a matching If-None-Match.
 */
export const GET = async (_req: MedusaRequest, res: MedusaResponse) => {
  res.setHeader("Cache-Control", "public, max-age=3600")
  res.type("application/json").send(openApiDocumentText())
}
