// Dry-runs: a rule (saved or draft) against given events or the subject's real history, with no side effect.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { parseExpression } from "cron-parser"
import { compileRule, localDate, type Rule } from "../../../lib/rules-engine"
import { ATTRIBUTION_MODULE } from "../../../modules/attribution"
import type AttributionModuleService from "../../../modules/attribution/service"
import { AUTOMATION_MODULE } from "../../../modules/automation"
import type AutomationModuleService from "../../../modules/automation/service"
import type { Subject } from "./facts"
import { runRules, type RunReport } from "./run-rules"

export type SimulatedEvent = { name: string; data: Record<string, unknown>; at: Date }

/** The trigger occurrences of a rule for a subject in a time range of real history. */
async function historyEvents(container: MedusaContainer, rule: Rule, subject: Subject, from: Date, to: Date): Promise<SimulatedEvent[]> {
  const t = rule.trigger
  if (t.type === "schedule") {
    const it = parseExpression(t.cron, { currentDate: from, endDate: to })
    const out: SimulatedEvent[] = []
    while (it.hasNext() && out.length < 400) out.push({ name: "schedule", data: {}, at: it.next().toDate() })
    return out
  }
  if (t.type === "date") {
    const out: SimulatedEvent[] = []
    const { storeTimezone } = container.resolve<AutomationModuleService>(AUTOMATION_MODULE).getOptions()
    for (let d = new Date(from); d <= to && out.length < 4000; d = new Date(d.getTime() + 86_400_000)) {
      const l = localDate(d, storeTimezone)
      out.push({ name: `date:${t.date}`, data: { date: `${l.year}-${String(l.month).padStart(2, "0")}-${String(l.day).padStart(2, "0")}` }, at: d })
    }
    return out
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  if (t.event === "order.placed" && subject.type === "customer") {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "created_at"],
      filters: { customer_id: subject.id, created_at: { $gte: from, $lte: to } },
    })
    return data.map((o) => ({ name: t.event, data: { id: o.id }, at: new Date(o.created_at) }))
  }
  if (t.event === "promoter.order_attributed" && subject.type === "promoter") {
    const rows = await container
      .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
      .listOrderAttributions({ promoter_id: subject.id, placed_at: { $gte: from, $lte: to } }, { take: 5000 })
    return rows.map((r) => ({ name: t.event, data: { order_id: r.order_id, promoter_id: subject.id }, at: new Date(r.placed_at) }))
  }
  return []
}

export async function simulateRule({
  container,
  rule,
  ruleId = "draft",
  subject,
  events,
  from,
  to,
}: {
  container: MedusaContainer
  rule: Rule
  ruleId?: string
  subject: Subject
  events?: SimulatedEvent[]
  from?: Date
  to?: Date
}): Promise<{ events: number; fired: number; runs: (RunReport & { at: string; event: string })[] }> {
  const compiled = compileRule({ id: ruleId, rule })
  const occurrences = events ?? (from && to ? await historyEvents(container, rule, subject, from, to) : [])
  occurrences.sort((a, b) => a.at.getTime() - b.at.getTime())
  const fired = new Set<string>()
  const runs: (RunReport & { at: string; event: string })[] = []
  for (const e of occurrences) {
    const reports = await runRules({
      container,
      rules: [compiled],
      subjects: { [subject.type]: subject.id },
      event: e.data,
      triggerKey: compiled.triggerKey,
      eventKey: `${e.name}:${e.at.toISOString()}`,
      now: e.at,
      dryRun: true,
      log: false,
      simulatedFirings: fired,
    })
    runs.push(...reports.map((r) => ({ ...r, at: e.at.toISOString(), event: e.name })))
  }
  return { events: occurrences.length, fired: runs.filter((r) => r.fired).length, runs }
}
