import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123094641 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "commission_entry" drop constraint if exists "commission_entry_source_key_unique";`);
    this.addSql(`create table if not exists "commission_entry" ("id" text not null, "source_key" text not null, "kind" text check ("kind" in ('commission', 'reversal', 'bonus')) not null, "status" text check ("status" in ('pending', 'approved', 'rejected', 'paid')) not null default 'pending', "promoter_id" text not null, "order_id" text null, "level" integer null, "rate_bps" integer null, "base" numeric null, "amount" numeric not null, "currency_code" text not null, "reverses_entry_id" text null, "payout_id" text null, "hold_until" timestamptz null, "note" text null, "raw_base" jsonb null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "commission_entry_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_commission_entry_deleted_at" ON "commission_entry" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_commission_entry_source_key_unique" ON "commission_entry" ("source_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_commission_entry_promoter_id_status" ON "commission_entry" ("promoter_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_commission_entry_order_id" ON "commission_entry" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_commission_entry_payout_id" ON "commission_entry" ("payout_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "commission_payout" ("id" text not null, "currency_code" text not null, "status" text check ("status" in ('open', 'paid')) not null default 'open', "total" numeric not null, "lines" jsonb not null, "paid_at" timestamptz null, "reference" text null, "raw_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "commission_payout_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_commission_payout_deleted_at" ON "commission_payout" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "commission_plan" ("id" text not null, "max_depth" integer not null default 3, "compression" boolean not null default false, "hold_days" integer not null default 30, "base" text check ("base" in ('items_after_discounts', 'items_after_discounts_with_shipping')) not null default 'items_after_discounts', "minimum_payout" jsonb null, "default_rates_bps" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "commission_plan_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_commission_plan_deleted_at" ON "commission_plan" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "commission_entry" cascade;`);

    this.addSql(`drop table if exists "commission_payout" cascade;`);

    this.addSql(`drop table if exists "commission_plan" cascade;`);
  }

}
