import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123095446 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "promoter_tier_change" drop constraint if exists "promoter_tier_change_promoter_id_period_key_unique";`);
    this.addSql(`create table if not exists "promoter_tier_change" ("id" text not null, "promoter_id" text not null, "from_tier_id" text null, "to_tier_id" text null, "reason" text check ("reason" in ('qualification', 'admin', 'rule')) not null, "period_key" text null, "figures" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_tier_change_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_tier_change_deleted_at" ON "promoter_tier_change" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_tier_change_promoter_id_created_at" ON "promoter_tier_change" ("promoter_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_tier_change_promoter_id_period_key_unique" ON "promoter_tier_change" ("promoter_id", "period_key") WHERE period_key IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "promoter_tier_change" cascade;`);
  }

}
