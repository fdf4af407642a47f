import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123092813 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "automation_scheduled_action" drop constraint if exists "automation_scheduled_action_unique_key_unique";`);
    this.addSql(`alter table if exists "automation_firing" drop constraint if exists "automation_firing_rule_id_subject_id_period_key_unique";`);
    this.addSql(`alter table if exists "automation_bonus_award" drop constraint if exists "automation_bonus_award_unique_key_unique";`);
    this.addSql(`create table if not exists "automation_bonus_award" ("id" text not null, "rule_id" text not null, "promoter_id" text not null, "amount" numeric not null, "currency_code" text not null, "note" text null, "unique_key" text not null, "run_id" text null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "automation_bonus_award_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_bonus_award_deleted_at" ON "automation_bonus_award" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_automation_bonus_award_unique_key_unique" ON "automation_bonus_award" ("unique_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_bonus_award_promoter_id" ON "automation_bonus_award" ("promoter_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "automation_firing" ("id" text not null, "rule_id" text not null, "subject_id" text not null, "period_key" text not null, "run_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "automation_firing_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_firing_deleted_at" ON "automation_firing" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_automation_firing_rule_id_subject_id_period_key_unique" ON "automation_firing" ("rule_id", "subject_id", "period_key") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "automation_rule" ("id" text not null, "name" text not null, "status" text check ("status" in ('draft', 'active', 'paused')) not null default 'draft', "definition" jsonb not null, "version" integer not null default 1, "trigger_key" text not null, "subject" text check ("subject" in ('customer', 'promoter')) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "automation_rule_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_rule_deleted_at" ON "automation_rule" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_rule_status_trigger_key" ON "automation_rule" ("status", "trigger_key") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "automation_run" ("id" text not null, "rule_id" text not null, "rule_version" integer not null, "subject_type" text check ("subject_type" in ('customer', 'promoter')) not null, "subject_id" text not null, "trigger" jsonb not null, "matched" boolean not null, "fired" boolean not null, "skipped_reason" text null, "trace" jsonb null, "actions" jsonb null, "errors" jsonb null, "dry_run" boolean not null default false, "evaluated_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "automation_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_run_deleted_at" ON "automation_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_run_rule_id_evaluated_at" ON "automation_run" ("rule_id", "evaluated_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_run_subject_id_evaluated_at" ON "automation_run" ("subject_id", "evaluated_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "automation_scheduled_action" ("id" text not null, "rule_id" text not null, "subject_type" text check ("subject_type" in ('customer', 'promoter')) not null, "subject_id" text not null, "action" jsonb not null, "context" jsonb null, "run_at" timestamptz not null, "status" text check ("status" in ('pending', 'done', 'failed')) not null default 'pending', "unique_key" text not null, "attempts" integer not null default 0, "last_error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "automation_scheduled_action_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_scheduled_action_deleted_at" ON "automation_scheduled_action" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_automation_scheduled_action_unique_key_unique" ON "automation_scheduled_action" ("unique_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_scheduled_action_status_run_at" ON "automation_scheduled_action" ("status", "run_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "automation_bonus_award" cascade;`);

    this.addSql(`drop table if exists "automation_firing" cascade;`);

    this.addSql(`drop table if exists "automation_rule" cascade;`);

    this.addSql(`drop table if exists "automation_run" cascade;`);

    this.addSql(`drop table if exists "automation_scheduled_action" cascade;`);
  }

}
