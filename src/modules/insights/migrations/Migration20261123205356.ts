import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123205356 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "insight_summary" drop constraint if exists "insight_summary_period_key_unique";`);
    this.addSql(`alter table if exists "insight_prediction" drop constraint if exists "insight_prediction_subject_type_subject_id_unique";`);
    this.addSql(`alter table if exists "insight_exposure" drop constraint if exists "insight_exposure_rule_id_subject_id_period_key_unique";`);
    this.addSql(`create table if not exists "insight_exposure" ("id" text not null, "rule_id" text not null, "rule_version" integer not null, "subject_type" text check ("subject_type" in ('customer', 'promoter')) not null, "subject_id" text not null, "period_key" text not null, "arm" text check ("arm" in ('treated', 'holdout')) not null, "variant" text null, "allocation" jsonb null, "trigger_key" text not null, "trigger_order_id" text null, "exposed_at" timestamptz not null, "window_ends_at" timestamptz not null, "actions" jsonb null, "promotion_ids" text[] null, "condition_values" jsonb null, "currency_code" text not null, "bonus_amount" numeric not null default 0, "orders_count" integer not null default 0, "revenue" numeric not null default 0, "discount_amount" numeric not null default 0, "responded_at" timestamptz null, "redeemed_at" timestamptz null, "measured_at" timestamptz null, "final" boolean not null default false, "raw_bonus_amount" jsonb not null default '{"value":"0","precision":20}', "raw_revenue" jsonb not null default '{"value":"0","precision":20}', "raw_discount_amount" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "insight_exposure_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_insight_exposure_deleted_at" ON "insight_exposure" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_insight_exposure_rule_id_subject_id_period_key_unique" ON "insight_exposure" ("rule_id", "subject_id", "period_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_insight_exposure_rule_id_exposed_at" ON "insight_exposure" ("rule_id", "exposed_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_insight_exposure_subject_id_final" ON "insight_exposure" ("subject_id", "final") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "insight_model_fit" ("id" text not null, "kind" text not null, "fitted_at" timestamptz not null, "as_of" timestamptz not null, "customers" integer not null, "orders" integer not null, "params" jsonb not null, "validation" jsonb null, "duration_ms" integer not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "insight_model_fit_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_insight_model_fit_deleted_at" ON "insight_model_fit" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_insight_model_fit_fitted_at" ON "insight_model_fit" ("fitted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "insight_prediction" ("id" text not null, "subject_type" text check ("subject_type" in ('customer', 'promoter')) not null, "subject_id" text not null, "fit_id" text null, "predicted_at" timestamptz not null, "p_order_30d" real null, "p_order_90d" real null, "p_alive" real null, "expected_orders_90d" real null, "days_to_next_order" real null, "next_order_at" timestamptz null, "churn_risk" text check ("churn_risk" in ('low', 'medium', 'high')) null, "frequency" integer null, "recency_days" real null, "tenure_days" real null, "currency_code" text null, "month_sales" numeric null, "month_sales_forecast" numeric null, "p_next_goal" real null, "p_next_tier" real null, "details" jsonb null, "raw_month_sales" jsonb null, "raw_month_sales_forecast" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "insight_prediction_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_insight_prediction_deleted_at" ON "insight_prediction" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_insight_prediction_subject_type_subject_id_unique" ON "insight_prediction" ("subject_type", "subject_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_insight_prediction_churn_risk" ON "insight_prediction" ("churn_risk") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "insight_summary" ("id" text not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "writer" text not null, "text" text not null, "data" jsonb not null, "notified_to" jsonb null, "period_key" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "insight_summary_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_insight_summary_deleted_at" ON "insight_summary" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_insight_summary_period_key_unique" ON "insight_summary" ("period_key") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "insight_exposure" cascade;`);

    this.addSql(`drop table if exists "insight_model_fit" cascade;`);

    this.addSql(`drop table if exists "insight_prediction" cascade;`);

    this.addSql(`drop table if exists "insight_summary" cascade;`);
  }

}
