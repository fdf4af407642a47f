/**
 * SQL that moves a module's tables to new names, with the indexes and constraints named after them (PostgreSQL's index
 * and constraint names are schema-wide, so a name left behind can still collide). Rows, defaults, checks and the
 * indexes themselves are kept: it is a rename, not a copy.
 *
 * Safe to run more than once and on a database that never had the old tables: a table is renamed only while the old
 * name exists and the new one does not, and names already moved are left alone. Names are cut to PostgreSQL's 63
 * bytes, as PostgreSQL cuts them when an index is created under a longer name.
 */
export function renameTablesSql(pairs: ReadonlyArray<readonly [from: string, to: string]>): string {
  const identifier = /^[a-z][a-z0-9_]{0,62}$/
  for (const [from, to] of pairs) {
    if (!identifier.test(from) || !identifier.test(to)) throw new Error(`not a plain table name: ${from} → ${to}`)
  }
  const steps = pairs.map(
    ([from, to]) => `
  IF to_regclass('${from}') IS NOT NULL AND to_regclass('${to}') IS NULL THEN
    ALTER TABLE "${from}" RENAME TO "${to}";
  END IF;
  IF to_regclass('${to}') IS NOT NULL THEN
    FOR r IN SELECT conname AS name FROM pg_constraint WHERE conrelid = '${to}'::regclass AND starts_with(conname, '${from}_') LOOP
      EXECUTE format('ALTER TABLE %I RENAME CONSTRAINT %I TO %I', '${to}', r.name, left('${to}_' || substr(r.name, ${from.length + 2}), 63));
    END LOOP;
    FOR r IN SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
              WHERE x.indrelid = '${to}'::regclass AND starts_with(i.relname, 'IDX_${from}_') LOOP
      EXECUTE format('ALTER INDEX %I RENAME TO %I', r.name, left('IDX_${to}_' || substr(r.name, ${from.length + 6}), 63));
    END LOOP;
  END IF;`
  )
  return `DO $$\nDECLARE r record;\nBEGIN${steps.join("")}\nEND $$;`
}
