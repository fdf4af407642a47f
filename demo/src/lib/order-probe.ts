// The order-pipeline benchmark's anchor (demo store only, and only with PROMOTER_BENCH_PROBE=true): when Medusa
// published each order.placed, and when a bare subscriber got it. Kept in this process's memory, bounded.
export const orderProbeEnabled = () => process.env.PROMOTER_BENCH_PROBE === "true"

export type OrderProbe = { published_at: number; delivered_at: number }

const MAX = 100_000
export const orderProbes = new Map<string, OrderProbe>()

export function recordOrderProbe(orderId: string, probe: OrderProbe) {
  if (orderProbes.size >= MAX) orderProbes.delete(orderProbes.keys().next().value as string)
  orderProbes.set(orderId, probe)
}
