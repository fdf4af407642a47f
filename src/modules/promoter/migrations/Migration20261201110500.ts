import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201110500 extends Migration {

  override async up(): Promise<void> {
    // One promoter per customer (issue 13, defect 10): the customer moves onto the promoter row, unique.
    this.addSql(`alter table if exists "promoter" add column if not exists "customer_id" text null;`);
    // Existing self-enrolments live in the promoter↔customer link table (made by Medusa's link sync, so it may not
    // exist yet on a new store). Where a race made two promoters for one customer, the first enrolled keeps it.
    this.addSql(`do $$ begin
      if to_regclass('promoter_promoter_customer_customer') is not null then
        update "promoter" p set "customer_id" = first.customer_id
          from (select distinct on (l.customer_id) l.customer_id, l.promoter_id
                  from promoter_promoter_customer_customer l join "promoter" q on q.id = l.promoter_id
                 where l.deleted_at is null and q.deleted_at is null
                 order by l.customer_id, q.created_at, q.id) first
         where p.id = first.promoter_id and p."customer_id" is null;
      end if;
    end $$;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_customer_id_unique" ON "promoter" ("customer_id") WHERE customer_id IS NOT NULL AND deleted_at IS NULL;`);

    // rateLimits.invitationsPerDay: a counter row per (promoter, day), taken by a conditional upsert.
    this.addSql(`create table if not exists "promoter_invitation_quota" ("id" text not null, "promoter_id" text not null, "day" text not null, "sent" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_invitation_quota_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_invitation_quota_deleted_at" ON "promoter_invitation_quota" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_invitation_quota_promoter_id_day_unique" ON "promoter_invitation_quota" ("promoter_id", "day") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "promoter_invitation_quota" cascade;`);
    this.addSql(`drop index if exists "IDX_promoter_customer_id_unique";`);
    this.addSql(`alter table if exists "promoter" drop column if exists "customer_id";`);
  }

}
