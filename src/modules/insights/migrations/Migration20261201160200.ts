import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { renameTablesSql } from "../../../lib/migrations/rename-tables";

/**
 * The module's tables carry the plugin's prefix (promoter_…), so that another plugin's tables, indexes or query aliases
 * with generic names (automation_rule, commission_entry, …) cannot collide with them. Existing rows stay where they are:
 * the tables, their indexes and constraints are renamed.
 */
const TABLES: [string, string][] = [
  ["insight_exposure", "promoter_insight_exposure"],
  ["insight_model_fit", "promoter_insight_model_fit"],
  ["insight_prediction", "promoter_insight_prediction"],
  ["insight_summary", "promoter_insight_summary"],
]

export class Migration20261201160200 extends Migration {

  override async up(): Promise<void> {
    this.addSql(renameTablesSql(TABLES));
  }

  override async down(): Promise<void> {
    this.addSql(renameTablesSql(TABLES.map(([from, to]) => [to, from] as [string, string])));
  }

}
