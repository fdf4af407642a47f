// Carries out the engine's actions in Medusa: messages through the Notification module, coupons as promotions
// restricted to the customer, tier/status changes through the promoter workflow, bonuses, tags, events, delays.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { currentOrNextSeason, findSeason, nextPeriod, type Action, type FactValues, type Rule } from "../../../lib/rules-engine"
import { multiplyDecimal } from "../../../lib/money"
import { factKey } from "../../../lib/rules-engine"
import { AUTOMATION_MODULE } from "../../../modules/automation"
import { COMPENSATION_MODULE } from "../../../modules/compensation"
import type CompensationModuleService from "../../../modules/compensation/service"
import type AutomationModuleService from "../../../modules/automation/service"
import { PROMOTER_MODULE } from "../../../modules/promoter"
import type PromoterModuleService from "../../../modules/promoter/service"
import { generateReferralCode } from "../../../modules/promoter/utils/codes"
import { awardBonusWorkflow } from "../../compensation/award-bonus"
import { ruleChangeTierWorkflow } from "../rule-change-tier"
import { ruleEmitEventWorkflow } from "../rule-emit-event"
import { ruleIssueCouponWorkflow } from "../rule-issue-coupon"
import { ruleScheduleActionsWorkflow } from "../rule-schedule-actions"
import { ruleSendMessageWorkflow } from "../rule-send-message"
import { ruleSetMetadataWorkflow } from "../rule-set-metadata"
import { updatePromoterWorkflow } from "../../promoter/update-promoter"
import type { Subject } from "./facts"
import { toJsonColumn } from "../../../lib/casts"
import { providerTemplate } from "../../../utils/notification-channels"
import { assertNotificationChannel } from "../../../utils/require-notification-channel"

export type ActionContext = {
  container: MedusaContainer
  ruleId: string
  rule: Rule
  subject: Subject
  now: Date
  facts: FactValues
  /** Makes repeated deliveries harmless: rule + subject + period (or trigger). */
  runKey: string
  chainDepth: number
  /** The firing's exposure (level 5): delayed actions carry it, so what they do is measured with the firing. */
  exposureId?: string | null
  /** The order the triggering event is about, if any: a bonus it earns is taken back with it. */
  orderId?: string | null
  /** The rule's version and the triggering event's payload: a bonus keeps them for its review. */
  ruleVersion?: number | null
  event?: Record<string, unknown> | null
}

export type ActionOutcome = { type: string; status: "done" | "skipped" | "scheduled"; detail?: Record<string, unknown> }

async function contactOf(ctx: ActionContext, who: "subject" | "sponsor") {
  const query = ctx.container.resolve(ContainerRegistrationKeys.QUERY)
  if (ctx.subject.type === "customer") {
    const { data } = await query.graph({ entity: "customer", fields: ["id", "email", "first_name", "last_name"], filters: { id: ctx.subject.id } })
    return data[0] ? { id: data[0].id, email: data[0].email, name: [data[0].first_name, data[0].last_name].filter(Boolean).join(" ") } : null
  }
  const promoters = ctx.container.resolve<PromoterModuleService>(PROMOTER_MODULE)
  const [p] = await promoters.listPromoters({ id: ctx.subject.id })
  if (!p) return null
  if (who === "sponsor") {
    if (!p.sponsor_id) return null
    const [s] = await promoters.listPromoters({ id: p.sponsor_id })
    return s ? { id: s.id, email: s.email, name: s.name } : null
  }
  return { id: p.id, email: p.email, name: p.name }
}

function amountOf(value: number | { fact: string; params?: Record<string, unknown>; multiply?: number; round?: number }, facts: FactValues): string {
  if (typeof value === "number") return String(value)
  const raw = facts.get(factKey(value.fact, value.params ?? {}))
  const base = raw && typeof raw === "object" && "amount" in (raw as object) ? String((raw as { amount: unknown }).amount) : String(raw ?? 0)
  return multiplyDecimal(base, value.multiply ?? 1, value.round ?? 2)
}

type Handler<T extends Action["type"]> = (action: Extract<Action, { type: T }>, ctx: ActionContext, key: string) => Promise<ActionOutcome>

/**
 * One handler per action kind: it reads what the action needs and runs the kind's workflow, whose steps undo what
 * they wrote when a later one fails. The action's key (`<firing key>:<index>`) is each write's idempotency key, so a
 * redelivery that takes over a dead one's firing does nothing twice.
 */
const HANDLERS: { [T in Action["type"]]: Handler<T> } = {
  send_message: async (action, ctx, key) => {
    const to = await contactOf(ctx, action.to)
    if (!to) return { type: action.type, status: "skipped", detail: { reason: `no ${action.to} to write to` } }
    // No provider for the channel: a clear failure in the run log (no failed notification row), and the rule's
    // other actions and the other rules go on.
    assertNotificationChannel(ctx.container, { channel: action.channel, uses: [`the message "${action.template}" of automation rule "${ctx.rule.name}"`] })
    const { result } = await ruleSendMessageWorkflow(ctx.container).run({
      input: {
        notification: {
          to: to.email,
          channel: action.channel,
          template: providerTemplate(ctx.container.resolve<AutomationModuleService>(AUTOMATION_MODULE).getOptions(), action.template),
          data: { ...(action.data ?? {}), name: to.name, subject_id: ctx.subject.id, rule_id: ctx.ruleId, rule_name: ctx.rule.name },
          trigger_type: "automation_rule",
          resource_id: ctx.subject.id,
          resource_type: ctx.subject.type,
          idempotency_key: key,
        },
      },
    })
    return { type: action.type, status: "done", detail: { notification_id: result.notification_id, to: to.email, channel: action.channel } }
  },
  issue_coupon: async (action, ctx, key) => {
    const { storeTimezone } = ctx.container.resolve<AutomationModuleService>(AUTOMATION_MODULE).getOptions()
    const wctx = { now: ctx.now, timeZone: storeTimezone, seasons: ctx.rule.seasons }
    const validity =
      action.validity.type === "next_period"
        ? nextPeriod(action.validity.unit, wctx)
        : action.validity.type === "season"
          ? currentOrNextSeason(findSeason(action.validity.season, ctx.rule.seasons)!, wctx)
          : { start: ctx.now, end: new Date(ctx.now.getTime() + action.validity.days * 86_400_000), key: "days" }
    const value = amountOf(action.value, ctx.facts)
    const code = `R${generateReferralCode()}`
    const campaignIdentifier = `automation-${key}`
    const { result } = await ruleIssueCouponWorkflow(ctx.container).run({
      input: {
        campaign_identifier: campaignIdentifier,
        promotion: {
          code,
          type: "standard",
          status: "active",
          is_automatic: false,
          application_method: {
            type: action.discount,
            target_type: action.target,
            allocation: "across",
            value: Number(value),
            ...(action.discount === "fixed" ? { currency_code: action.currency_code!.toLowerCase() } : {}),
          },
          rules: [{ attribute: "customer.id", operator: "eq", values: [ctx.subject.id] }],
          campaign: {
            name: `${ctx.rule.name}: ${code}`,
            campaign_identifier: campaignIdentifier,
            starts_at: validity.start,
            ends_at: validity.end,
            budget: action.discount === "fixed" ? { type: "usage", limit: 1 } : null,
          },
          metadata: { automation_rule_id: ctx.ruleId, customer_id: ctx.subject.id, run_key: key },
        },
      },
    })
    if (!result.issued) {
      return { type: action.type, status: "skipped", detail: { reason: "issued by an earlier delivery", promotion_id: result.promotion_id } }
    }
    return {
      type: action.type,
      status: "done",
      detail: { promotion_id: result.promotion_id, code, value, starts_at: validity.start.toISOString(), ends_at: validity.end.toISOString() },
    }
  },
  change_tier: async (action, ctx, key) => {
    // Idempotent by the action's key, also when a delivery died between the change and the firing's progress: the
    // tier history row (period_key "rule:<key>", unique per promoter) is written first and holds the target, so a
    // redelivery moves the promoter to that same tier ("next" is not computed twice) or finds it done.
    const promoters = ctx.container.resolve<PromoterModuleService>(PROMOTER_MODULE)
    const compensation = ctx.container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
    const periodKey = `rule:${key}`
    const [p] = await promoters.listPromoters({ id: ctx.subject.id }, { relations: ["tier"] })
    const [intent] = await compensation.listTierChanges({ promoter_id: ctx.subject.id, period_key: periodKey })
    let target: string | null = intent?.to_tier_id ?? null
    if (intent && target === (p?.tier?.id ?? null)) {
      return { type: action.type, status: "skipped", detail: { reason: "done by an earlier delivery", to: target } }
    }
    if (!intent) {
      if (typeof action.to === "object") target = action.to.tier_id
      else {
        const tiers = await promoters.listPromoterTiers({}, { order: { rank: "ASC" } })
        const rank = p?.tier?.rank ?? -Infinity
        const candidates = action.to === "next" ? tiers.filter((t) => t.rank > rank) : tiers.filter((t) => t.rank < rank).reverse()
        target = candidates[0]?.id ?? null
      }
      if (!target || target === p?.tier?.id) return { type: action.type, status: "skipped", detail: { reason: "no tier to move to" } }
    }
    // The history row and the change together: the workflow removes the row it wrote if the change fails.
    await ruleChangeTierWorkflow(ctx.container).run({
      input: { promoter_id: ctx.subject.id, from_tier_id: p?.tier?.id ?? null, to_tier_id: target!, period_key: periodKey, rule_id: ctx.ruleId, intent_exists: !!intent },
    })
    return { type: action.type, status: "done", detail: { from: p?.tier?.id ?? null, to: target } }
  },
  change_status: async (action, ctx) => {
    // update-promoter: the status change and its events (status_changed, activated) in one workflow.
    await updatePromoterWorkflow(ctx.container).run({ input: { id: ctx.subject.id, status: action.to } })
    return { type: action.type, status: "done", detail: { to: action.to } }
  },
  award_bonus: async (action, ctx, key) => {
    const amount = amountOf(action.amount, ctx.facts)
    const currency = action.currency_code.toLowerCase()
    const plan = await ctx.container.resolve<CompensationModuleService>(COMPENSATION_MODULE).getPlan()
    const { result } = await awardBonusWorkflow(ctx.container).run({
      input: {
        unique_key: key,
        promoter_id: ctx.subject.id,
        amount,
        currency_code: currency,
        note: action.note ?? ctx.rule.name,
        order_id: ctx.orderId ?? null,
        hold_until: new Date(ctx.now.getTime() + plan.hold_days * 86_400_000),
        context: {
          rule_id: ctx.ruleId,
          rule_version: ctx.ruleVersion ?? null,
          definition: toJsonColumn(ctx.rule) as Record<string, unknown>,
          event: ctx.event ?? null,
        },
      },
    })
    return { type: action.type, status: result.created ? "done" : "skipped", detail: { amount, currency_code: currency, entry_id: result.id } }
  },
  set_tags: async (action, ctx) => {
    const current = await currentMetadata(ctx)
    const tags = new Set<string>(Array.isArray(current.tags) ? (current.tags as string[]) : [])
    action.add.forEach((t) => tags.add(t))
    action.remove.forEach((t) => tags.delete(t))
    await ruleSetMetadataWorkflow(ctx.container).run({ input: { subject: ctx.subject, metadata: { ...current, tags: [...tags] } } })
    return { type: action.type, status: "done", detail: { tags: [...tags] } }
  },
  set_metadata: async (action, ctx) => {
    const current = await currentMetadata(ctx)
    await ruleSetMetadataWorkflow(ctx.container).run({ input: { subject: ctx.subject, metadata: { ...current, ...action.values } } })
    return { type: action.type, status: "done", detail: { keys: Object.keys(action.values) } }
  },
  emit_event: async (action, ctx, key) => {
    const data = { ...(action.data ?? {}), event: action.event, subject_type: ctx.subject.type, subject_id: ctx.subject.id, rule_id: ctx.ruleId, chain_depth: ctx.chainDepth + 1, key }
    await ruleEmitEventWorkflow(ctx.container).run({ input: { event: action.event, data } })
    return { type: action.type, status: "done", detail: { event: action.event } }
  },
  delay: async (action, ctx, key) => {
    const runAt = action.at
      ? new Date(action.at)
      : new Date(ctx.now.getTime() + ((action.after?.days ?? 0) * 24 + (action.after?.hours ?? 0)) * 3_600_000)
    const { result: scheduled } = await ruleScheduleActionsWorkflow(ctx.container).run({
      input: action.actions.map((inner, i) => ({
        rule_id: ctx.ruleId,
        subject_type: ctx.subject.type,
        subject_id: ctx.subject.id,
        action: toJsonColumn(inner),
        context: { run_key: `${key}:${i}`, chain_depth: ctx.chainDepth, exposure_id: ctx.exposureId ?? null },
        run_at: runAt,
        unique_key: `${key}:${i}`,
      })),
    })
    return { type: action.type, status: "scheduled", detail: { run_at: runAt.toISOString(), actions: scheduled } }
  },
}

export async function executeAction(action: Action, index: number, ctx: ActionContext): Promise<ActionOutcome> {
  const handler = HANDLERS[action.type] as Handler<Action["type"]>
  return await handler(action, ctx, `${ctx.runKey}:${index}`)
}

async function currentMetadata(ctx: ActionContext): Promise<Record<string, unknown>> {
  if (ctx.subject.type === "customer") {
    const customer = await ctx.container.resolve(Modules.CUSTOMER).retrieveCustomer(ctx.subject.id)
    return (customer.metadata ?? {}) as Record<string, unknown>
  }
  const p = await ctx.container.resolve<PromoterModuleService>(PROMOTER_MODULE).retrievePromoter(ctx.subject.id)
  return (p.metadata ?? {}) as Record<string, unknown>
}
