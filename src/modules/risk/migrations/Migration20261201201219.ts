import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201201219 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "promoter_risk_assessment" drop constraint if exists "promoter_risk_assessment_subject_type_subject_key_unique";`);
    this.addSql(`create table if not exists "promoter_risk_assessment" ("id" text not null, "subject_type" text check ("subject_type" in ('order', 'promoter')) not null, "subject_key" text not null, "promoter_id" text not null, "order_id" text null, "score" real not null, "flagged" boolean not null, "signals" jsonb not null, "review" text check ("review" in ('clear', 'pending', 'approved', 'rejected')) not null, "note" text null, "decided_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "promoter_risk_assessment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_risk_assessment_deleted_at" ON "promoter_risk_assessment" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_promoter_risk_assessment_subject_type_subject_key_unique" ON "promoter_risk_assessment" ("subject_type", "subject_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_risk_assessment_review_created_at" ON "promoter_risk_assessment" ("review", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_risk_assessment_promoter_id_created_at" ON "promoter_risk_assessment" ("promoter_id", "created_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "promoter_risk_assessment" cascade;`);
  }

}
