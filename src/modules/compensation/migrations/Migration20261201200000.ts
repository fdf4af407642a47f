import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Payout providers: a payout has a provider (existing ones were manual) and the state machine draft → processing →
 * paid | partially_failed | failed (open payouts become drafts, paid ones stay paid); promoters get one payout method
 * and may request a payout.
 */
export class Migration20261201200000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "promoter_commission_payout" drop constraint if exists "commission_payout_status_check";`);
    this.addSql(`alter table if exists "promoter_commission_payout" drop constraint if exists "promoter_commission_payout_status_check";`);
    this.addSql(`update "promoter_commission_payout" set "status" = 'draft' where "status" = 'open';`);
    this.addSql(`alter table if exists "promoter_commission_payout" alter column "status" set default 'draft';`);
    this.addSql(`alter table if exists "promoter_commission_payout" add constraint "promoter_commission_payout_status_check" check ("status" in ('draft', 'processing', 'paid', 'partially_failed', 'failed'));`);
    this.addSql(`alter table if exists "promoter_commission_payout" add column if not exists "provider_id" text not null default 'manual';`);
    this.addSql(`alter table if exists "promoter_commission_payout" add column if not exists "error" text null;`);

    this.addSql(`create table if not exists "promoter_payout_method" ("id" text not null, "promoter_id" text not null, "provider_id" text not null, "details" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_payout_method_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_payout_method_deleted_at" ON "promoter_payout_method" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_payout_method_promoter_id_unique" ON "promoter_payout_method" ("promoter_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "promoter_payout_request" ("id" text not null, "promoter_id" text not null, "currency_code" text not null, "amount" numeric not null, "raw_amount" jsonb not null, "status" text check ("status" in ('requested', 'approved', 'rejected')) not null default 'requested', "payout_id" text null, "decided_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_payout_request_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_payout_request_deleted_at" ON "promoter_payout_request" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_payout_request_promoter_id_currency_code_unique" ON "promoter_payout_request" ("promoter_id", "currency_code") WHERE status = 'requested' AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "promoter_payout_request" cascade;`);
    this.addSql(`drop table if exists "promoter_payout_method" cascade;`);
    this.addSql(`alter table if exists "promoter_commission_payout" drop constraint if exists "promoter_commission_payout_status_check";`);
    this.addSql(`update "promoter_commission_payout" set "status" = 'open' where "status" <> 'paid';`);
    this.addSql(`alter table if exists "promoter_commission_payout" alter column "status" set default 'open';`);
    this.addSql(`alter table if exists "promoter_commission_payout" add constraint "promoter_commission_payout_status_check" check ("status" in ('open', 'paid'));`);
    this.addSql(`alter table if exists "promoter_commission_payout" drop column if exists "provider_id", drop column if exists "error";`);
  }

}
