import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { renameTablesSql } from "../../../lib/migrations/rename-tables";

/**
 * The module's tables carry the plugin's prefix (promoter_…), so that another plugin's tables, indexes or query aliases
 * with generic names (automation_rule, commission_entry, …) cannot collide with them. Existing rows stay where they are:
 * the tables, their indexes and constraints are renamed.
 */
const TABLES: [string, string][] = [
  ["automation_rule", "promoter_automation_rule"],
  ["automation_run", "promoter_automation_run"],
  ["automation_firing", "promoter_automation_firing"],
  ["automation_job_run", "promoter_automation_job_run"],
  ["automation_bonus_award", "promoter_automation_bonus_award"],
  ["automation_scheduled_action", "promoter_automation_scheduled_action"],
]

export class Migration20261201160000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(renameTablesSql(TABLES));
  }

  override async down(): Promise<void> {
    this.addSql(renameTablesSql(TABLES.map(([from, to]) => [to, from] as [string, string])));
  }

}
