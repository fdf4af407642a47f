import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/** A bonus's review context lives on its ledger entry (the automation module no longer keeps a second record). */
export class Migration20261201170000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "promoter_commission_entry" add column if not exists "context" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "promoter_commission_entry" drop column if exists "context";`);
  }

}
