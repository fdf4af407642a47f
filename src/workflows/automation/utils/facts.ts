// Medusa-side facts for the rules engine. One evaluation loads the subject's history once (orders of a customer,
// credited orders and recruits of a promoter) and answers every fact from it, "as of" a time, so the same code
// serves live events and backtests on history.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { getFact, windowRange, type FactProvider, type FactRequest, type Season, type Window } from "../../../lib/rules-engine"
import { addDecimal, compareDecimal } from "../../../lib/money"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { PREDICTION_FACTS, predictionFact } from "./prediction-facts"
import { RISK_FACTS, riskFact } from "./risk-facts"

export type Subject = { type: "customer" | "promoter"; id: string }
export type FactContext = {
  container: MedusaContainer
  subject: Subject
  now: Date
  timeZone: string
  seasons: Season[]
  event: Record<string, unknown>
}

type Purchase = { at: Date; currency_code: string; total: string }

async function customerHistory(ctx: FactContext) {
  const query = ctx.container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: customers } = await query.graph({
    entity: "customer",
    fields: ["id", "email", "created_at", "metadata"],
    filters: { id: ctx.subject.id },
  })
  const { data: orders } = await query.graph({
    entity: "order",
    fields: ["id", "created_at", "currency_code", "total", "status", "canceled_at"],
    filters: { customer_id: ctx.subject.id },
  })
  // The order that triggered the evaluation is being placed "now", whatever its row says.
  const triggering = typeof ctx.event.id === "string" ? ctx.event.id : null
  // What returns and refunds took back, as the orders' settlements recorded it.
  const settled = orders.length
    ? await ctx.container
        .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
        .listOrderAttributions({ order_id: orders.map((o) => o.id) }, { select: ["order_id", "net_total"], take: orders.length })
    : []
  const netTotal = new Map(settled.filter((a) => a.net_total !== null && a.net_total !== undefined).map((a) => [a.order_id, String(a.net_total)]))
  const purchases: Purchase[] = orders
    .filter((o) => o.status !== "canceled" && !o.canceled_at)
    .map((o) => ({
      at: o.id === triggering ? ctx.now : new Date(o.created_at),
      currency_code: o.currency_code,
      total: netTotal.get(o.id) ?? String(o.total ?? 0),
    }))
    .filter((p) => p.at <= ctx.now)
  const customer = customers[0] ?? null
  const first = purchases.reduce<Date | null>((min, p) => (!min || p.at < min ? p.at : min), null)
  const since = customer ? new Date(customer.created_at) : first
  return { customer, purchases, start: first && since && first < since ? first : since }
}

async function promoterHistory(ctx: FactContext) {
  const promoters = ctx.container.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const attribution = ctx.container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const [promoter] = await promoters.listPromoters({ id: ctx.subject.id }, { relations: ["tier"] })
  const sales = await attribution.listOrderAttributions(
    { promoter_id: ctx.subject.id, placed_at: { $lte: ctx.now } },
    { select: ["placed_at", "currency_code", "order_total", "net_total"], take: 100000 }
  )
  const recruits = await promoters.listPromoters({ sponsor_id: ctx.subject.id }, { select: ["id", "enrolled_at", "created_at"], take: 100000 })
  return {
    promoter: promoter ?? null,
    // Net of cancels, returns and refunds (the total less the share taken back).
    sales: sales.map((s) => ({ at: new Date(s.placed_at), currency_code: s.currency_code, total: String(s.net_total ?? s.order_total) })),
    recruits: recruits.map((r) => new Date(r.enrolled_at ?? r.created_at)).filter((d) => d <= ctx.now),
  }
}

function sumIn(rows: Purchase[], window: Window, ctx: FactContext, start: Date | null, currency?: string) {
  const range = windowRange(window, { now: ctx.now, timeZone: ctx.timeZone, seasons: ctx.seasons, subjectStart: start })
  // Windows that reach the present (rolling, lifetime, this month) include what happens "now".
  const end = range.end.getTime() >= ctx.now.getTime() ? ctx.now.getTime() + 1 : range.end.getTime()
  const inRange = rows.filter((r) => r.at >= range.start && r.at.getTime() < end)
  const currencies = [...new Set(inRange.map((r) => r.currency_code))]
  const code = currency?.toLowerCase() ?? currencies[0] ?? "usd"
  const amount = inRange.filter((r) => r.currency_code === code).reduce((s, r) => addDecimal(s, r.total), "0")
  return { money: { amount, currency_code: code }, count: inRange.length }
}

function wholeYears(from: Date | null, to: Date): number {
  if (!from) return 0
  let years = to.getUTCFullYear() - from.getUTCFullYear()
  const anniversary = new Date(from)
  anniversary.setUTCFullYear(from.getUTCFullYear() + years)
  if (anniversary > to) years -= 1
  return Math.max(0, years)
}

function getPath(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), obj)
}

/** Answers the engine's fact requests for one subject at one time. */
export function createFactProvider(ctx: FactContext): FactProvider {
  return async (requests: FactRequest[]) => {
    const values = new Map<string, unknown>()
    // Predictions are stored rows of their own: asking for one loads no order history.
    const builtIn = (r: FactRequest) => !getFact(r.name)?.resolve && !PREDICTION_FACTS.has(r.name) && !RISK_FACTS.has(r.name)
    const needsCustomer = requests.some((r) => r.name.startsWith("customer.") && builtIn(r))
    const needsPromoter = requests.some((r) => r.name.startsWith("promoter.") && builtIn(r))
    const prediction = requests.some((r) => PREDICTION_FACTS.has(r.name)) ? await predictionFact(ctx.container, ctx.subject) : null
    const risk = requests.some((r) => RISK_FACTS.has(r.name)) ? await riskFact(ctx.container, ctx.subject, ctx.now) : null
    const c = needsCustomer && ctx.subject.type === "customer" ? await customerHistory(ctx) : null
    const p = needsPromoter && ctx.subject.type === "promoter" ? await promoterHistory(ctx) : null
    for (const r of requests) {
      const params = r.params as { window?: Window; currency_code?: string; path?: string; threshold?: { amount: string | number; currency_code: string } }
      switch (r.name) {
        case "event":
          values.set(r.key, getPath(ctx.event, params.path ?? ""))
          break
        case "customer.purchases.sum":
          values.set(r.key, c ? sumIn(c.purchases, params.window!, ctx, c.start, params.currency_code).money : null)
          break
        case "customer.purchases.count":
          values.set(r.key, c ? sumIn(c.purchases, params.window!, ctx, c.start).count : null)
          break
        case "customer.tenure_years":
          values.set(r.key, c ? wholeYears(c.start, ctx.now) : null)
          break
        case "customer.consecutive_periods": {
          if (!c) {
            values.set(r.key, null)
            break
          }
          const threshold = params.threshold!
          let streak = 0
          for (let yearsAgo = 0; yearsAgo < 50; yearsAgo++) {
            const window = { ...(params.window as Window), years_ago: yearsAgo } as Window
            const { money } = sumIn(c.purchases, window, ctx, c.start, threshold.currency_code)
            if (compareDecimal(money.amount, String(threshold.amount)) < 0) break
            streak += 1
          }
          values.set(r.key, streak)
          break
        }
        case "customer.tags":
          values.set(r.key, ((c?.customer?.metadata as { tags?: unknown } | null)?.tags as string[] | undefined) ?? [])
          break
        case "customer.email":
          values.set(r.key, c?.customer?.email ?? null)
          break
        case "promoter.sales.sum":
        case "promoter.sales.count": {
          if (!p?.promoter) {
            values.set(r.key, null)
            break
          }
          const s = sumIn(p.sales, params.window!, ctx, p.promoter.enrolled_at ? new Date(p.promoter.enrolled_at) : null, params.currency_code)
          values.set(r.key, r.name.endsWith("sum") ? s.money : s.count)
          break
        }
        case "promoter.recruits.count": {
          if (!p?.promoter) {
            values.set(r.key, null)
            break
          }
          const range = windowRange(params.window!, { now: ctx.now, timeZone: ctx.timeZone, seasons: ctx.seasons, subjectStart: p.promoter.enrolled_at ? new Date(p.promoter.enrolled_at) : null })
          const end = range.end.getTime() >= ctx.now.getTime() ? ctx.now.getTime() + 1 : range.end.getTime()
          values.set(r.key, p.recruits.filter((d) => d >= range.start && d.getTime() < end).length)
          break
        }
        case "promoter.tenure_months": {
          const from = p?.promoter?.enrolled_at ? new Date(p.promoter.enrolled_at) : null
          values.set(r.key, from ? Math.floor(wholeMonths(from, ctx.now)) : null)
          break
        }
        case "promoter.tier_rank":
          values.set(r.key, p?.promoter ? (p.promoter.tier?.rank ?? 0) : null)
          break
        case "promoter.status":
          values.set(r.key, p?.promoter?.status ?? null)
          break
        case "promoter.tags":
          values.set(r.key, ((p?.promoter?.metadata as { tags?: unknown } | null)?.tags as string[] | undefined) ?? [])
          break
        default: {
          // A fact the store registered (registerFact) is computed by its own resolver.
          const registered = getFact(r.name)?.resolve
          if (registered) {
            const input = { subject: ctx.subject, params: r.params, now: ctx.now, event: ctx.event, container: ctx.container }
            try {
              values.set(r.key, await registered(input))
            } catch (error) {
              throw new Error(`fact "${r.name}" failed: ${(error as Error).message}`)
            }
            break
          }
          if (RISK_FACTS.has(r.name)) values.set(r.key, risk?.(r.name) ?? null)
          else values.set(r.key, PREDICTION_FACTS.has(r.name) ? (prediction?.(r.name) ?? null) : undefined)
        }
      }
    }
    return values
  }
}

function wholeMonths(from: Date, to: Date): number {
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth())
  if (to.getUTCDate() < from.getUTCDate()) months -= 1
  return Math.max(0, months)
}
