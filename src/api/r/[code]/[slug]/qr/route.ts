import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { sendQr } from "../../../../utils/short-link"
import type { QrQueryType } from "../../../../validators"

export const GET = async (req: MedusaRequest<unknown, QrQueryType>, res: MedusaResponse) => {
  await sendQr(req, res, req.params.slug)
}
