// Medusa's DML types are narrower than what its columns take. The few conversions live here, each said once.

/** DML `json()` columns are typed as objects; arrays and typed records are stored as they are. */
export function toJsonColumn(value: unknown): Record<string, unknown> {
  return value as Record<string, unknown>
}

/** Reads a DML `json()` column back as the shape that was stored in it. */
export function fromJsonColumn<T>(value: unknown): T {
  return value as T
}

/** DML `bigNumber()` columns are typed as `number`; Medusa stores an exact decimal string as given (raw_ column). */
export function toBigNumberColumn(decimal: string): number {
  return decimal as unknown as number
}
