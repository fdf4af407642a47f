import type { Context } from "@medusajs/framework/types"
import { InjectManager, MedusaContext, MedusaService, generateEntityId } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"
import { DEFAULT_RISK_THRESHOLDS, type RiskAssessment as Assessment, type RiskThresholds } from "../../lib/risk"
import RiskAssessment from "./models/assessment"

export type NewAssessment = {
  subject_type: "order" | "promoter"
  subject_key: string
  promoter_id: string
  order_id: string | null
  assessment: Assessment
}

/** Risk assessments: one per order (and per promoter and day), with their review. */
class RiskModuleService extends MedusaService({ RiskAssessment }) {
  protected options_: PluginOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params -- MedusaService's constructor reads its own arguments object
    super(...arguments)
    this.options_ = parsePluginOptions(options)
  }

  getOptions(): PluginOptions {
    return this.options_
  }

  thresholds(): RiskThresholds {
    return { ...DEFAULT_RISK_THRESHOLDS, ...this.options_.risk.thresholds }
  }

  /** Writes an assessment once per subject (a redelivery finds the first); answers its id and whether this call wrote it. */
  @InjectManager()
  async recordAssessment(input: NewAssessment, @MedusaContext() sharedContext: Context = {}): Promise<{ id: string; created: boolean; flagged: boolean }> {
    const manager = sharedContext.manager as SqlEntityManager
    const { assessment } = input
    const inserted: { id: string }[] = await manager.execute(
      `insert into promoter_risk_assessment (id, subject_type, subject_key, promoter_id, order_id, score, flagged, signals, review)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)
       on conflict (subject_type, subject_key) where deleted_at is null do nothing returning id`,
      [
        generateEntityId(undefined, "risk"),
        input.subject_type,
        input.subject_key,
        input.promoter_id,
        input.order_id,
        assessment.score,
        assessment.flagged,
        JSON.stringify({ list: assessment.signals }),
        assessment.flagged ? "pending" : "clear",
      ]
    )
    if (inserted.length) return { id: inserted[0].id, created: true, flagged: assessment.flagged }
    const [existing] = await manager.execute(
      "select id, flagged from promoter_risk_assessment where subject_type = ? and subject_key = ? and deleted_at is null",
      [input.subject_type, input.subject_key]
    )
    return { id: existing.id, created: false, flagged: !!existing.flagged }
  }

  /**
   * An admin's review of a flagged assessment, once: only a pending one is decided (of two reviews at once, one wins;
   * the other gets null). Answers the assessment as decided.
   */
  @InjectManager()
  async decideAssessment(
    { id, review, note, now }: { id: string; review: "approved" | "rejected" | "pending"; note: string | null; now: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; order_id: string | null; promoter_id: string } | null> {
    const manager = sharedContext.manager as SqlEntityManager
    const from = review === "pending" ? ["approved", "rejected"] : ["pending"]
    const [row]: { id: string; order_id: string | null; promoter_id: string }[] = await manager.execute(
      `update promoter_risk_assessment set review = ?, note = ?, decided_at = ?, updated_at = now()
        where id = ? and review = any(?::text[]) and deleted_at is null returning id, order_id, promoter_id`,
      [review, note, review === "pending" ? null : now, id, `{${from.join(",")}}`]
    )
    return row ?? null
  }
}

export default RiskModuleService
