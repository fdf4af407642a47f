import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261124014547 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index if exists "IDX_promoter_touch_customer_id_occurred_at";`);
    this.addSql(`drop index if exists "IDX_promoter_touch_email_occurred_at";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_touch_known_customer_occurred_at" ON "promoter_touch" ("customer_id", "occurred_at") WHERE customer_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_touch_known_email_occurred_at" ON "promoter_touch" ("email", "occurred_at") WHERE email IS NOT NULL AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_promoter_touch_known_customer_occurred_at";`);
    this.addSql(`drop index if exists "IDX_promoter_touch_known_email_occurred_at";`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_touch_customer_id_occurred_at" ON "promoter_touch" ("customer_id", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_promoter_touch_email_occurred_at" ON "promoter_touch" ("email", "occurred_at") WHERE deleted_at IS NULL;`);
  }

}
