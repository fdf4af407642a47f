import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201103000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "promoter" add column if not exists "qualified_period" text null;`);
    // Self-referral checks look promoters up by e-mail as one person (lib/attribution/email.ts: case and +tag aside).
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_normalised_email" ON "promoter" (lower(regexp_replace(btrim("email"), '\\+[^@]*@', '@'))) WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_promoter_normalised_email";`);
    this.addSql(`alter table if exists "promoter" drop column if exists "qualified_period";`);
  }

}
