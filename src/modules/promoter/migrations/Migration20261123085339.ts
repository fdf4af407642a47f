import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123085339 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "promoter_link" drop constraint if exists "promoter_link_promoter_id_slug_unique";`);
    this.addSql(`alter table if exists "promoter" drop constraint if exists "promoter_referral_code_unique";`);
    this.addSql(`alter table if exists "promoter_tier" drop constraint if exists "promoter_tier_rank_unique";`);
    this.addSql(`alter table if exists "promoter_tier" drop constraint if exists "promoter_tier_name_unique";`);
    this.addSql(`create table if not exists "promoter_tier" ("id" text not null, "name" text not null, "rank" integer not null, "commission_rates_bps" jsonb not null, "qualification" jsonb null, "metadata" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_tier_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_tier_deleted_at" ON "promoter_tier" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_tier_name_unique" ON "promoter_tier" ("name") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_tier_rank_unique" ON "promoter_tier" ("rank") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "promoter" ("id" text not null, "name" text not null, "email" text not null, "status" text check ("status" in ('pending', 'active', 'suspended', 'terminated')) not null default 'pending', "referral_code" text not null, "sponsor_id" text null, "enrolled_at" timestamptz null, "metadata" jsonb null, "tier_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_tier_id" ON "promoter" ("tier_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_deleted_at" ON "promoter" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_referral_code_unique" ON "promoter" ("referral_code") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_sponsor_id" ON "promoter" ("sponsor_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_email" ON "promoter" ("email") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_status" ON "promoter" ("status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "promoter_link" ("id" text not null, "slug" text not null, "name" text not null, "destination_path" text not null, "metadata" jsonb null, "promoter_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_link_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_link_promoter_id" ON "promoter_link" ("promoter_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_link_deleted_at" ON "promoter_link" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_link_promoter_id_slug_unique" ON "promoter_link" ("promoter_id", "slug") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "promoter" add constraint "promoter_tier_id_foreign" foreign key ("tier_id") references "promoter_tier" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table if exists "promoter_link" add constraint "promoter_link_promoter_id_foreign" foreign key ("promoter_id") references "promoter" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "promoter" drop constraint if exists "promoter_tier_id_foreign";`);

    this.addSql(`alter table if exists "promoter_link" drop constraint if exists "promoter_link_promoter_id_foreign";`);

    this.addSql(`drop table if exists "promoter_tier" cascade;`);

    this.addSql(`drop table if exists "promoter" cascade;`);

    this.addSql(`drop table if exists "promoter_link" cascade;`);
  }

}
