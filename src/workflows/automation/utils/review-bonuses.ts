// A bonus is held like a commission; at the end of its hold the rule that awarded it is evaluated again at the
// moment it was earned, on the figures as they stand now (net of cancels, returns and refunds). A bonus whose
// conditions no longer hold is withdrawn (rejected, with its pending reversals) instead of approved.
import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { compileRule, evaluateTrigger, validateRule, type Action } from "../../../lib/rules-engine"
import { AUTOMATION_MODULE } from "../../../modules/automation"
import type AutomationModuleService from "../../../modules/automation/service"
import { COMPENSATION_MODULE } from "../../../modules/compensation"
import type CompensationModuleService from "../../../modules/compensation/service"
import { createFactProvider } from "./facts"
import { decidePromoterCommissionWorkflow } from "../../compensation/decide-promoter-commission"

const BATCH = 200

export async function reviewHeldBonuses(
  container: MedusaContainer,
  { now }: { now: Date }
): Promise<{ kept: number; withdrawn: number; failed: number }> {
  const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const { storeTimezone } = automation.getOptions()
  const logger = container.resolve<Logger>(ContainerRegistrationKeys.LOGGER)
  let kept = 0
  let withdrawn = 0
  let failed = 0
  let after = ""
  for (;;) {
    // Keyset pages over the due bonuses: a withdrawn one leaves the filter, a kept one stays behind the cursor.
    const due = await compensation.listCommissionEntries(
      { kind: "bonus", status: "pending", hold_reason: null, hold_until: { $lte: now }, id: { $gt: after } },
      { select: ["id", "source_key", "promoter_id", "hold_until", "context"], order: { id: "ASC" }, take: BATCH }
    )
    if (!due.length) break
    after = due[due.length - 1].id
    const { hold_days: holdDays } = await compensation.getPlan()
    for (const bonus of due) {
      try {
        if (await stillEarned(container, { bonus, holdDays, timeZone: storeTimezone })) kept += 1
        else {
          await decidePromoterCommissionWorkflow(container).run({ input: { id: bonus.id, status: "rejected" } })
          withdrawn += 1
        }
      } catch (error) {
        // One bonus that cannot be reviewed now waits for the next run; it never holds up the others.
        logger.error(`promoter bonus ${bonus.id}: review failed, left pending: ${(error as Error).message}`)
        failed += 1
      }
    }
  }
  return { kept, withdrawn, failed }
}

/**
 * Whether the rule that awarded a bonus still awards it for the promoter at the moment it was awarded (on the plugin's
 * clock: the start of the bonus's hold), on the figures as they stand now: the rule as it was then (the version kept
 * with the award), with the event that triggered it, and with the bonus among the actions it selects (a branch whose
 * condition no longer holds takes the bonus with it). A bonus whose rule can no longer be read stays earned; so does
 * one awarded before awards kept their rule and event, when its rule reads the triggering event.
 */
async function stillEarned(
  container: MedusaContainer,
  {
    bonus,
    holdDays,
    timeZone,
  }: { bonus: { source_key: string; promoter_id: string; hold_until: Date | string | null; context?: unknown }; holdDays: number; timeZone: string }
): Promise<boolean> {
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  // What earned it is on the ledger entry; bonuses awarded before 0.1.0 kept it in the automation module's award row.
  const kept = bonus.context as BonusContext | null | undefined
  const award: BonusContext | undefined = kept?.rule_id
    ? kept
    : (
        await automation.listAutomationBonusAwards(
          { unique_key: bonus.source_key.replace(/^bonus:/, "") },
          { select: ["rule_id", "rule_version", "definition", "event"] }
        )
      )[0]
  if (!award || !bonus.hold_until) return true
  const definition = award.definition as Record<string, unknown> | null
  const row = definition ? null : (await automation.listAutomationRules({ id: award.rule_id }, { take: 1 }))[0]
  const checked = validateRule(definition ?? row?.definition)
  if (!checked.ok) return true
  const rule = compileRule({ id: award.rule_id, version: award.rule_version ?? row?.version ?? 1, rule: checked.rule })
  const event = (award.event as Record<string, unknown> | null) ?? null
  if (!event && rule.facts.some((f) => f.name === "event" || f.name.startsWith("event."))) return true
  const provideFacts = createFactProvider({
    container,
    subject: { type: "promoter", id: bonus.promoter_id },
    now: new Date(new Date(bonus.hold_until).getTime() - holdDays * 86_400_000),
    timeZone,
    seasons: checked.rule.seasons,
    event: event ?? {},
  })
  const [result] = await evaluateTrigger({ rules: [rule], provideFacts, explain: false })
  if (result?.error) throw new Error(result.error)
  return !!result?.evaluation?.matched && awards(result.evaluation.actions)
}

type BonusContext = { rule_id: string; rule_version: number | null; definition: unknown; event: unknown }

/** Whether the selected actions award a bonus, now or after a delay. */
function awards(actions: readonly Action[]): boolean {
  return actions.some((a) => a.type === "award_bonus" || (a.type === "delay" && awards(a.actions)))
}
