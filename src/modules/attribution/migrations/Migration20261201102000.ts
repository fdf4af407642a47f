import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261201102000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "promoter_order_attribution" add column if not exists "volume" numeric null, add column if not exists "raw_volume" jsonb null, add column if not exists "placed_volume" numeric null, add column if not exists "raw_placed_volume" jsonb null, add column if not exists "net_total" numeric null, add column if not exists "raw_net_total" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "promoter_order_attribution" drop column if exists "volume", drop column if exists "raw_volume", drop column if exists "placed_volume", drop column if exists "raw_placed_volume", drop column if exists "net_total", drop column if exists "raw_net_total";`);
  }

}
