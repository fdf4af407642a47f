import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201101000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "commission_entry" add column if not exists "hold_reason" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "commission_entry" drop column if exists "hold_reason";`);
  }

}
