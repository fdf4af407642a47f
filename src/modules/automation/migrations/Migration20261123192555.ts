import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261123192555 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "automation_firing" add column if not exists "claimed_at" timestamptz null, add column if not exists "completed_at" timestamptz null, add column if not exists "actions_done" integer not null default 0;`);
    // Firings from before: their actions ran (or were given up) long ago.
    this.addSql(`update "automation_firing" set "claimed_at" = "created_at", "completed_at" = "created_at" where "completed_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "automation_firing" drop column if exists "claimed_at", drop column if exists "completed_at", drop column if exists "actions_done";`);
  }

}
