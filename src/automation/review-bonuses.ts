// A bonus is held like a commission; at the end of its hold the rule that awarded it is evaluated again for the
// period it was earned in, on the figures as they stand now (net of cancels, returns and refunds). A bonus whose
// conditions no longer hold is withdrawn (rejected, with its pending reversals) instead of approved.
import type { MedusaContainer } from "@medusajs/framework/types"
import { compileRule, evaluateTrigger, validateRule } from "../lib/rules-engine"
import { AUTOMATION_MODULE } from "../modules/automation"
import type AutomationModuleService from "../modules/automation/service"
import { COMPENSATION_MODULE } from "../modules/compensation"
import type CompensationModuleService from "../modules/compensation/service"
import { createFactProvider } from "./facts"

const BATCH = 200

export async function reviewHeldBonuses(container: MedusaContainer, { now }: { now: Date }): Promise<{ kept: number; withdrawn: number }> {
  const compensation = container.resolve<CompensationModuleService>(COMPENSATION_MODULE)
  const automation = container.resolve<AutomationModuleService>(AUTOMATION_MODULE)
  const { storeTimezone } = automation.getOptions()
  let kept = 0
  let withdrawn = 0
  let after = ""
  for (;;) {
    // Keyset pages over the due bonuses: a withdrawn one leaves the filter, a kept one stays behind the cursor.
    const due = await compensation.listCommissionEntries(
      { kind: "bonus", status: "pending", hold_reason: null, hold_until: { $lte: now }, id: { $gt: after } },
      { select: ["id", "source_key", "promoter_id", "created_at"], order: { id: "ASC" }, take: BATCH }
    )
    if (!due.length) break
    after = due[due.length - 1].id
    for (const bonus of due) {
      const [award] = await automation.listAutomationBonusAwards({ unique_key: bonus.source_key.replace(/^bonus:/, "") }, { select: ["rule_id"] })
      const row = award ? (await automation.listAutomationRules({ id: award.rule_id }, { take: 1 }))[0] : null
      const checked = row ? validateRule(row.definition) : null
      if (!row || !checked?.ok) {
        kept += 1 // a rule deleted or changed beyond reading: the bonus was earned by its rule as it was
        continue
      }
      const rule = compileRule({ id: row.id, version: row.version, rule: checked.rule })
      const provideFacts = createFactProvider({
        container,
        subject: { type: "promoter", id: bonus.promoter_id },
        now: new Date(bonus.created_at),
        timeZone: storeTimezone,
        seasons: checked.rule.seasons,
        event: {},
      })
      const [result] = await evaluateTrigger({ rules: [rule], provideFacts, explain: false })
      if (result?.evaluation?.matched || result?.error) {
        kept += 1
        continue
      }
      await compensation.decideEntry({ id: bonus.id, status: "rejected" })
      withdrawn += 1
    }
  }
  return { kept, withdrawn }
}
