import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123091354 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "promoter_visitor_customer" drop constraint if exists "promoter_visitor_customer_visitor_id_customer_id_unique";`);
    this.addSql(`alter table if exists "promoter_order_attribution" drop constraint if exists "promoter_order_attribution_order_id_unique";`);
    this.addSql(`alter table if exists "promoter_daily_stat" drop constraint if exists "promoter_daily_stat_promoter_id_day_channel_currency_code_unique";`);
    this.addSql(`alter table if exists "promoter_customer_binding" drop constraint if exists "promoter_customer_binding_email_unique";`);
    this.addSql(`create table if not exists "promoter_customer_binding" ("id" text not null, "email" text not null, "customer_id" text null, "promoter_id" text not null, "source" text check ("source" in ('order', 'signup')) not null, "order_id" text null, "bound_at" timestamptz not null, "expires_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_customer_binding_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_customer_binding_deleted_at" ON "promoter_customer_binding" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_customer_binding_email_unique" ON "promoter_customer_binding" ("email") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_customer_binding_customer_id" ON "promoter_customer_binding" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_customer_binding_promoter_id" ON "promoter_customer_binding" ("promoter_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "promoter_daily_stat" ("id" text not null, "promoter_id" text not null, "day" text not null, "channel" text not null, "currency_code" text not null, "clicks" integer not null default 0, "unique_clicks" integer not null default 0, "invitations" integer not null default 0, "conversions" integer not null default 0, "revenue" numeric not null default 0, "raw_revenue" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_daily_stat_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_daily_stat_deleted_at" ON "promoter_daily_stat" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_daily_stat_promoter_id_day_channel_currency_code_unique" ON "promoter_daily_stat" ("promoter_id", "day", "channel", "currency_code") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "promoter_order_attribution" ("id" text not null, "order_id" text not null, "promoter_id" text null, "decided_by" text check ("decided_by" in ('coupon', 'cart_referral', 'customer_binding', 'touch', 'none', 'self_referral_denied')) not null, "winning_touch_id" text null, "channel" text null, "self_referral" boolean not null default false, "customer_id" text null, "email" text null, "currency_code" text not null, "order_total" numeric not null, "candidates" jsonb not null, "placed_at" timestamptz not null, "raw_order_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_order_attribution_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_order_attribution_deleted_at" ON "promoter_order_attribution" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_order_attribution_order_id_unique" ON "promoter_order_attribution" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_order_attribution_promoter_id_placed_at" ON "promoter_order_attribution" ("promoter_id", "placed_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "promoter_touch" ("id" text not null, "promoter_id" text not null, "link_id" text null, "code" text not null, "channel" text check ("channel" in ('web', 'mobile', 'social', 'email', 'chat', 'qr', 'in_store')) not null, "source" text check ("source" in ('link', 'api', 'invitation')) not null default 'link', "utm_source" text null, "utm_medium" text null, "utm_campaign" text null, "utm_term" text null, "utm_content" text null, "referrer_host" text null, "device" text check ("device" in ('desktop', 'mobile', 'tablet', 'unknown')) not null default 'unknown', "visitor_id" text null, "customer_id" text null, "email" text null, "ip_hash" text null, "is_unique" boolean not null default true, "occurred_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_touch_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_touch_deleted_at" ON "promoter_touch" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_touch_promoter_id_occurred_at" ON "promoter_touch" ("promoter_id", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_touch_visitor_id_occurred_at" ON "promoter_touch" ("visitor_id", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_touch_customer_id_occurred_at" ON "promoter_touch" ("customer_id", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_touch_email_occurred_at" ON "promoter_touch" ("email", "occurred_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "promoter_visitor_customer" ("id" text not null, "visitor_id" text not null, "customer_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_visitor_customer_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_visitor_customer_deleted_at" ON "promoter_visitor_customer" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_visitor_customer_visitor_id_customer_id_unique" ON "promoter_visitor_customer" ("visitor_id", "customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_visitor_customer_customer_id" ON "promoter_visitor_customer" ("customer_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "promoter_customer_binding" cascade;`);

    this.addSql(`drop table if exists "promoter_daily_stat" cascade;`);

    this.addSql(`drop table if exists "promoter_order_attribution" cascade;`);

    this.addSql(`drop table if exists "promoter_touch" cascade;`);

    this.addSql(`drop table if exists "promoter_visitor_customer" cascade;`);
  }

}
