import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { orderProbeEnabled, orderProbes } from "../../../lib/order-probe"

/** The order-pipeline benchmark reads what the bare order.placed subscriber noted (demo store, probe on only). */
export const GET = async (_req: MedusaRequest, res: MedusaResponse) => {
  if (!orderProbeEnabled()) {
    res.status(404).json({ type: "not_found", message: "the order probe is off (PROMOTER_BENCH_PROBE)" })
    return
  }
  res.json({ orders: Object.fromEntries(orderProbes) })
}
