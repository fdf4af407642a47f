import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201111500 extends Migration {

  override async up(): Promise<void> {
    // Touch keys (issue 13, defect 7): only an app or till holding one may name a person in a touch.
    this.addSql(`create table if not exists "promoter_touch_key" ("id" text not null, "name" text not null, "secret_hash" text not null, "secret_hint" text not null, "revoked_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_touch_key_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_touch_key_deleted_at" ON "promoter_touch_key" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_touch_key_secret_hash_unique" ON "promoter_touch_key" ("secret_hash") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "promoter_touch_key" cascade;`);
  }

}
