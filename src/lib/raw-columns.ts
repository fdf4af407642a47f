// Medusa keeps every `bigNumber` column twice: `amount` (numeric, for SQL arithmetic and sorting) and `raw_amount`
// (jsonb `{"value": "<exact decimal>", "precision": 20}`, what the ORM reads back as a BigNumber). The ORM writes both;
// raw SQL that writes a bigNumber column must write both the same way, and that format is said here once. Pure (no
// Medusa import); lib/money's decimalOf reads raw values back in TypeScript.

/** The precision Medusa's BigNumber records in a raw_ column (BigNumber.DEFAULT_PRECISION; its unit test checks). */
export const RAW_PRECISION = 20

/** The raw_ value of an exact decimal string, as the ORM stores it. */
export function rawNumber(decimal: string): { value: string; precision: number } {
  return { value: decimal, precision: RAW_PRECISION }
}

/** SQL: the raw_ jsonb of a numeric SQL expression (a column, a `?` parameter, an arithmetic expression). */
export function rawNumberSql(expression: string): string {
  return `jsonb_build_object('value', (${expression})::text, 'precision', ${RAW_PRECISION})`
}

/** SQL: the same for a nullable column (null stays null, as the ORM writes it). */
export function nullableRawNumberSql(expression: string): string {
  return `case when (${expression}) is null then null else ${rawNumberSql(expression)} end`
}

/** SQL: a SET clause giving a bigNumber column and its raw_ twin one value. */
export function setBigNumberSql(column: string, expression: string): string {
  return `${column} = ${expression}, raw_${column} = ${rawNumberSql(expression)}`
}

/** SQL: the exact value held in a raw_ jsonb (a column or a path into a jsonb document), as numeric. */
export function rawValueSql(rawExpression: string): string {
  return `((${rawExpression})->>'value')::numeric`
}
