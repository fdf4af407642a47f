import type { Context } from "@medusajs/framework/types"
import { InjectManager, MedusaContext, MedusaService, generateEntityId } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { parsePluginOptions, type PluginOptions } from "../../lib/options"
import type { ArmCounts } from "../../lib/insights"
import InsightExposure from "./models/exposure"
import InsightModelFit from "./models/model-fit"
import InsightPrediction from "./models/prediction"
import InsightSummary from "./models/summary"
import { nullableRawNumberSql, rawNumberSql } from "../../lib/raw-columns"

export type OpenExposureInput = {
  rule_id: string
  rule_version: number
  subject_type: "customer" | "promoter"
  subject_id: string
  period_key: string
  arm: "treated" | "holdout"
  variant: string | null
  allocation: unknown
  trigger_key: string
  trigger_order_id: string | null
  exposed_at: Date
  window_ends_at: Date
  condition_values: unknown
  currency_code: string
}

export type ExposureHandle = { id: string; arm: "treated" | "holdout"; variant: string | null; created: boolean }

export type PredictionRow = {
  subject_type: "customer" | "promoter"
  subject_id: string
  fit_id: string | null
  predicted_at: Date
  p_order_30d?: number | null
  p_order_90d?: number | null
  p_alive?: number | null
  expected_orders_90d?: number | null
  days_to_next_order?: number | null
  next_order_at?: Date | null
  churn_risk?: "low" | "medium" | "high" | null
  frequency?: number | null
  recency_days?: number | null
  tenure_days?: number | null
  currency_code?: string | null
  month_sales?: string | null
  month_sales_forecast?: string | null
  p_next_goal?: number | null
  p_next_tier?: number | null
  details?: unknown
}

class InsightsModuleService extends MedusaService({
  InsightExposure,
  InsightPrediction,
  InsightModelFit,
  InsightSummary,
}) {
  protected readonly options_: PluginOptions

  constructor(container: Record<string, unknown>, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params -- MedusaService's constructor reads its own arguments object
    super(...arguments)
    this.options_ = parsePluginOptions(options)
  }

  getOptions(): PluginOptions {
    return this.options_
  }

  /**
   * The exposure of a firing, created once: a delivery that takes over a firing finds the group and variant the
   * first one chose (the unique key is the firing's own: rule, subject, period).
   */
  @InjectManager()
  async openExposure(input: OpenExposureInput, @MedusaContext() sharedContext: Context = {}): Promise<ExposureHandle> {
    const manager = sharedContext.manager as SqlEntityManager
    const inserted: Omit<ExposureHandle, "created">[] = await manager.execute(
      `insert into promoter_insight_exposure (id, rule_id, rule_version, subject_type, subject_id, period_key, arm, variant, allocation,
                                     trigger_key, trigger_order_id, exposed_at, window_ends_at, condition_values, currency_code,
                                     bonus_amount, raw_bonus_amount, revenue, raw_revenue, discount_amount, raw_discount_amount)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?, 0, ${rawNumberSql("0")}, 0, ${rawNumberSql("0")}, 0, ${rawNumberSql("0")})
       on conflict (rule_id, subject_id, period_key) where deleted_at is null do nothing
       returning id, arm, variant`,
      [
        generateEntityId(undefined, "iexp"),
        input.rule_id,
        input.rule_version,
        input.subject_type,
        input.subject_id,
        input.period_key,
        input.arm,
        input.variant,
        JSON.stringify(input.allocation ?? null),
        input.trigger_key,
        input.trigger_order_id,
        input.exposed_at,
        input.window_ends_at,
        JSON.stringify(input.condition_values ?? null),
        input.currency_code,
      ]
    )
    if (inserted[0]) return { ...inserted[0], created: true }
    const [existing]: Omit<ExposureHandle, "created">[] = await manager.execute(
      `select id, arm, variant from promoter_insight_exposure where rule_id = ? and subject_id = ? and period_key = ? and deleted_at is null`,
      [input.rule_id, input.subject_id, input.period_key]
    )
    return { ...existing, created: false }
  }

  /**
   * What the actions did: their outcomes, the coupons they issued (to follow redemption), the bonus they paid. A
   * delivery that took over a firing (`merge`) adds to what the first one recorded instead of replacing it.
   */
  @InjectManager()
  async completeExposure(
    { id, actions, promotionIds, bonusAmount, merge = false }: { id: string; actions: unknown[]; promotionIds: string[]; bonusAmount: string; merge?: boolean },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.manager as SqlEntityManager
    const ids = `{${promotionIds.map((p) => `"${p}"`).join(",")}}`
    if (!merge) {
      await manager.execute(
        `update promoter_insight_exposure set actions = ?::jsonb, promotion_ids = ?::text[], bonus_amount = ?::numeric,
                raw_bonus_amount = ${rawNumberSql("?::text")}, updated_at = now()
          where id = ?`,
        [JSON.stringify(actions), ids, bonusAmount, bonusAmount, id]
      )
      return
    }
    await manager.execute(
      `update promoter_insight_exposure
          set actions = coalesce(actions, '[]'::jsonb) || ?::jsonb,
              promotion_ids = array(select distinct unnest(coalesce(promotion_ids, '{}'::text[]) || ?::text[])),
              bonus_amount = bonus_amount + ?::numeric,
              raw_bonus_amount = ${rawNumberSql("bonus_amount + ?::numeric")},
              updated_at = now()
        where id = ?`,
      [JSON.stringify(actions.filter((a) => (a as { status?: string }).status !== "skipped")), ids, bonusAmount, bonusAmount, id]
    )
  }

  /**
   * Trials and responses per variant of a rule, for the bandit: an exposure is a trial once it responded or its
   * outcome window closed without a response (open windows without a response are not failures yet).
   */
  @InjectManager()
  async variantCounts({ ruleId, now }: { ruleId: string; now: Date }, @MedusaContext() sharedContext: Context = {}): Promise<ArmCounts[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { variant: string; trials: number; successes: number }[] = await manager.execute(
      `select variant,
              (count(*) filter (where responded_at is not null or window_ends_at <= ?))::int as trials,
              (count(*) filter (where responded_at is not null))::int as successes
         from promoter_insight_exposure
        where rule_id = ? and arm = 'treated' and variant is not null and deleted_at is null
        group by variant`,
      [now, ruleId]
    )
    return rows.map((r) => ({ name: r.variant, trials: r.trials, successes: r.successes }))
  }

  /** The rules with exposures in a time range. */
  @InjectManager()
  async ruleIdsExposedBetween({ from, to }: { from: Date; to: Date }, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const manager = sharedContext.manager as SqlEntityManager
    const rows: { rule_id: string }[] = await manager.execute(
      `select distinct rule_id from promoter_insight_exposure where deleted_at is null and exposed_at between ? and ?`,
      [from, to]
    )
    return rows.map((r) => r.rule_id)
  }

  /** Replaces the predictions of the given subjects (one row each), in batches. */
  @InjectManager()
  async savePredictions(rows: PredictionRow[], @MedusaContext() sharedContext: Context = {}): Promise<number> {
    const manager = sharedContext.manager as SqlEntityManager
    const columns: [string, string][] = [
      ["id", "text"], ["subject_type", "text"], ["subject_id", "text"], ["fit_id", "text"], ["predicted_at", "timestamptz"],
      ["p_order_30d", "float8"], ["p_order_90d", "float8"], ["p_alive", "float8"], ["expected_orders_90d", "float8"],
      ["days_to_next_order", "float8"], ["next_order_at", "timestamptz"], ["churn_risk", "text"], ["frequency", "int"],
      ["recency_days", "float8"], ["tenure_days", "float8"], ["currency_code", "text"], ["month_sales", "numeric"],
      ["month_sales_forecast", "numeric"], ["p_next_goal", "float8"], ["p_next_tier", "float8"], ["details", "jsonb"],
    ]
    const names = columns.map(([c]) => c)
    const select = columns.map(([c, t]) => (c === "subject_type" || c === "churn_risk" ? `x.${c}::text` : `x.${c}`))
    const raw = (c: string) => nullableRawNumberSql(`x.${c}`)
    const updates = [...names.filter((c) => c !== "id" && c !== "subject_type" && c !== "subject_id"), "raw_month_sales", "raw_month_sales_forecast"]
    let saved = 0
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000).map((r) => ({ id: generateEntityId(undefined, "ipred"), ...r, details: r.details ?? null }))
      await manager.execute(
        `insert into promoter_insight_prediction (${names.join(", ")}, raw_month_sales, raw_month_sales_forecast)
         select ${select.join(", ")}, ${raw("month_sales")}, ${raw("month_sales_forecast")}
           from jsonb_to_recordset(?::jsonb) as x(${columns.map(([c, t]) => `${c} ${t}`).join(", ")})
         on conflict (subject_type, subject_id) where deleted_at is null
         do update set ${updates.map((c) => `${c} = excluded.${c}`).join(", ")}, updated_at = now()`,
        [JSON.stringify(batch)]
      )
      saved += batch.length
    }
    return saved
  }
}

export default InsightsModuleService
