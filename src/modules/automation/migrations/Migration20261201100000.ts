import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "automation_job_run" ("id" text not null, "job" text not null, "slot" text not null, "status" text check ("status" in ('running', 'done', 'failed')) not null default 'running', "scheduled_for" timestamptz null, "started_at" timestamptz not null, "finished_at" timestamptz null, "attempts" integer not null default 1, "last_error" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "automation_job_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_automation_job_run_deleted_at" ON "automation_job_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_automation_job_run_job_slot_unique" ON "automation_job_run" ("job", "slot") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "automation_job_run" cascade;`);
  }

}
