import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201200306 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "promoter_webhook_delivery" drop constraint if exists "promoter_webhook_delivery_webhook_id_unique";`);
    this.addSql(`create table if not exists "promoter_webhook_delivery" ("id" text not null, "endpoint_id" text not null, "event_name" text not null, "webhook_id" text not null, "payload" jsonb not null, "status" text check ("status" in ('pending', 'succeeded', 'failed')) not null default 'pending', "attempts" integer not null default 0, "next_attempt_at" timestamptz null, "locked_until" timestamptz null, "last_status_code" integer null, "last_error" text null, "last_attempt_at" timestamptz null, "attempt_log" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_webhook_delivery_deleted_at" ON "promoter_webhook_delivery" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_webhook_delivery_webhook_id_unique" ON "promoter_webhook_delivery" ("webhook_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_webhook_delivery_endpoint_id_created_at" ON "promoter_webhook_delivery" ("endpoint_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_webhook_delivery_status_next_attempt_at" ON "promoter_webhook_delivery" ("status", "next_attempt_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "promoter_webhook_endpoint" ("id" text not null, "url" text not null, "description" text null, "events" text[] not null, "secret" text not null, "previous_secret" text null, "previous_secret_expires_at" timestamptz null, "status" text check ("status" in ('active', 'disabled')) not null default 'active', "consecutive_failures" integer not null default 0, "failing_since" timestamptz null, "disabled_reason" text null, "disabled_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_webhook_endpoint_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_webhook_endpoint_deleted_at" ON "promoter_webhook_endpoint" ("deleted_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "promoter_webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "promoter_webhook_endpoint" cascade;`);
  }

}
