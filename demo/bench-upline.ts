// `npm run bench` runs this with `medusa exec` (in-process, the store's own container): the commission levels of a
// promoter at depth 20, as the commission workflow gathers them (the chain with statuses and tier rates in one query,
// then the amounts), timed in-process. Anchor: a bare `select 1` on the same connection pool. Writes JSON to BENCH_OUT.
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import fs from "node:fs"
import { performance } from "node:perf_hooks"
import { computeCommissions } from "medusa-plugin-promoter/lib/compensation/commissions"
import type PromoterModuleService from "medusa-plugin-promoter/modules/promoter/service"

const RATES = Array.from({ length: 20 }, () => 100)

export default async function benchUpline({ container }: ExecArgs) {
  const promoters = container.resolve<PromoterModuleService>("promoter")
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const id = process.env.BENCH_UPLINE_ID ?? "prom_b20"
  const runs = Number(process.env.BENCH_RUNS ?? 300)

  const levels = async () => {
    const members = await promoters.commissionChain(id, { maxDepth: 20 })
    const chain = members.map((m) => ({ ...m, rates_bps: m.rates_bps ?? RATES }))
    return computeCommissions({ chain, base: "100", currency: "usd", maxDepth: 20, compression: false })
  }
  const time = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 100; i++) await fn()
    const samples: number[] = []
    for (let i = 0; i < runs; i++) {
      const t = performance.now()
      await fn()
      samples.push(performance.now() - t)
    }
    samples.sort((a, b) => a - b)
    return { p50: samples[Math.floor(samples.length * 0.5)], p99: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))] }
  }
  const lines = await levels()
  if (lines.length !== 20) throw new Error(`expected 20 commission levels at depth 20, got ${lines.length}`)
  const ours = await time(levels)
  const anchor = await time(() => pg.raw("select 1"))
  const out = JSON.stringify({ levels: lines.length, ours, anchor })
  if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, out)
  else console.log(out)
}
