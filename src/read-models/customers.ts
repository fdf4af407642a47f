// Read model: Medusa's customers by a day of the year, for the daily date triggers. The only place in the plugin that
// names Medusa's customer table in SQL.
//
// Reads (table: columns):
//   customer: id, metadata (->>'birthday', "YYYY-MM-DD"), created_at, deleted_at
//
// Why not Query: the day is a month and day of a date (in metadata, or the signup's): Query's filters cannot compare
// part of a date or of a metadata value, so it would list every customer of the store each day to keep a few.
//
// integration-tests/http/read-models.spec.ts checks the columns (CUSTOMER_COLUMNS) and the figures against customers
// made through Medusa's own API.
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** The columns this read model names, with their PostgreSQL types (information_schema.columns.udt_name). */
export const CUSTOMER_COLUMNS: Record<string, Record<string, string>> = {
  customer: { id: "text", metadata: "jsonb", created_at: "timestamptz", deleted_at: "timestamptz" },
}

/** Customers whose metadata.birthday ("YYYY-MM-DD") falls on `monthDay` ("MM-DD"). */
export async function customersWithBirthday(container: MedusaContainer, { monthDay }: { monthDay: string }): Promise<string[]> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await pg.raw(`select id from customer where deleted_at is null and substring(metadata->>'birthday' from 6 for 5) = ?`, [monthDay])
  return (rows as { id: string }[]).map((r) => r.id)
}

/** Customers who signed up on `monthDay` ("MM-DD") of an earlier year (at least 300 days before `now`). */
export async function customersWithAnniversary(container: MedusaContainer, { monthDay, now }: { monthDay: string; now: Date }): Promise<string[]> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const { rows } = await pg.raw(
    `select id from customer where deleted_at is null and to_char(created_at, 'MM-DD') = ? and created_at < ?::timestamptz - interval '300 days'`,
    [monthDay, now]
  )
  return (rows as { id: string }[]).map((r) => r.id)
}
