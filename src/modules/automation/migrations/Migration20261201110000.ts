import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** What a bonus was earned under: the rule's version and definition and the triggering event (for its review). */
export class Migration20261201110000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "automation_bonus_award" add column if not exists "rule_version" integer null, add column if not exists "definition" jsonb null, add column if not exists "event" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "automation_bonus_award" drop column if exists "rule_version", drop column if exists "definition", drop column if exists "event";`);
  }

}
