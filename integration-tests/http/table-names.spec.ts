// The plugin's module keys and tables carry its prefix, and the migrations that brought the prefix carry an existing
// store's rows: a database as an earlier version left it (the old table names, with real data written through the
// API) is migrated forward by the real migration files and the server reads the same data.
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MedusaModule } from "@medusajs/framework/modules-sdk"
import path from "node:path"
import { ledgerEntry } from "../helpers/ledger"
import { adminSession, type Headers } from "../helpers/session"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import { AUTOMATION_MODULE } from "../../src/modules/automation"
import { COMPENSATION_MODULE } from "../../src/modules/compensation"
import { INSIGHTS_MODULE } from "../../src/modules/insights"
import { PROMOTER_MODULE } from "../../src/modules/promoter"
import type CompensationModuleService from "../../src/modules/compensation/service"
import { Migration20261201160000 } from "../../src/modules/automation/migrations/Migration20261201160000"
import { Migration20261201160100 } from "../../src/modules/compensation/migrations/Migration20261201160100"
import { Migration20261201160200 } from "../../src/modules/insights/migrations/Migration20261201160200"

jest.setTimeout(300 * 1000)

const RENAMES = [Migration20261201160000, Migration20261201160100, Migration20261201160200]

const OLD_TABLES = [
  "automation_rule",
  "automation_run",
  "automation_firing",
  "automation_job_run",
  "automation_bonus_award",
  "automation_scheduled_action",
  "commission_plan",
  "commission_entry",
  "commission_payout",
  "insight_exposure",
  "insight_model_fit",
  "insight_prediction",
  "insight_summary",
]

type Knex = { raw: (sql: string, bindings?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

/** The SQL a migration file would run, in the direction asked (MikroORM's Migration only collects it in addSql). */
async function sqlOf(M: (typeof RENAMES)[number], direction: "up" | "down"): Promise<string[]> {
  const migration = new M(null as never, null as never)
  await migration[direction]()
  return migration.getQueries() as string[]
}

async function migrate(db: Knex, direction: "up" | "down") {
  const files = direction === "up" ? RENAMES : [...RENAMES].reverse()
  for (const M of files) for (const sql of await sqlOf(M, direction)) await db.raw(sql)
}

/** Every table's rows as one fingerprint per table: its row count and an md5 of its rows in id order. */
async function fingerprints(db: Knex, tables: string[]) {
  const out: Record<string, string> = {}
  for (const t of tables) {
    const [row] = (await db.raw(`select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x.id), '')) as h from "${t}" x`)).rows
    out[t] = `${row.n}:${row.h}`
  }
  return out
}

/** Index and constraint names of the plugin's three renamed modules, with each definition (table names taken out). */
async function shape(db: Knex, prefix: "" | "promoter_") {
  const tables = OLD_TABLES.map((t) => prefix + t)
  const indexes = (
    await db.raw("select tablename, indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = any(?) order by 1, 2", [tables])
  ).rows
  const constraints = (
    await db.raw(
      `select c.relname as tablename, k.conname, pg_get_constraintdef(k.oid) as def from pg_constraint k join pg_class c on c.oid = k.conrelid
        where c.relname = any(?) order by 1, 2`,
      [tables]
    )
  ).rows
  const strip = (s: unknown) => String(s).replaceAll(prefix ? "promoter_" : "\u0000", "")
  return {
    indexes: indexes.map((i) => ({ table: strip(i.tablename), name: String(i.indexname), def: strip(i.indexdef) })),
    constraints: constraints.map((c) => ({ table: strip(c.tablename), name: String(c.conname), def: String(c.def) })),
  }
}

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, "../../demo"),
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: Headers
    const db = dbConnection as unknown as Knex

    beforeEach(async () => {
      admin = await adminSession(api, getContainer())
    })

    it("registers every module of the plugin under a prefixed key, and no table of it has a generic name", async () => {
      const keys = [PROMOTER_MODULE, ATTRIBUTION_MODULE, AUTOMATION_MODULE, COMPENSATION_MODULE, INSIGHTS_MODULE]
      expect(keys).toEqual(["promoter", "promoter_attribution", "promoter_automation", "promoter_compensation", "promoter_insights"])
      for (const key of keys) expect(MedusaModule.isInstalled(key)).toBe(true)
      for (const generic of ["attribution", "automation", "compensation", "insights"]) expect(MedusaModule.isInstalled(generic)).toBe(false)

      const ours = (
        await db.raw(
          `select tablename from pg_tables where schemaname = current_schema()
            and (tablename ~ '^(promoter|automation_|commission_|insight_)') order by 1`
        )
      ).rows.map((r) => String(r.tablename))
      expect(ours.filter((t) => !t.startsWith("promoter"))).toEqual([])
      for (const t of OLD_TABLES) expect(ours).toContain(`promoter_${t}`)
      // No index or constraint anywhere is still named after an old table.
      const stale = (
        await db.raw(
          `select relname as name from pg_class where relkind = 'i' and relname ~ '^(IDX_)?(automation_|commission_|insight_)'
           union all select conname from pg_constraint where conname ~ '^(automation_|commission_|insight_)'`
        )
      ).rows
      expect(stale).toEqual([])
    })

    it("carries a store's rows from the old table names to the new ones, indexes and constraints included, and the server reads them", async () => {
      // Real data through the API and the module: a promoter, a rule (with its trace rows), commissions and a payout.
      const promoter = (await api.post("/admin/promoters", { name: "Carry", email: "carry@example.com", referral_code: "CARRY" }, admin)).data.promoter
      const rule = (
        await api.post(
          "/admin/automation-rules",
          {
            definition: { schema_version: 1, name: "Kept", outcome: "loyalty", subject: "customer", trigger: { type: "event", event: "rule.kept" }, actions: [{ type: "emit_event", event: "rule.other" }] },
            status: "active",
          },
          admin
        )
      ).data.automation_rule
      const compensation = getContainer().resolve<CompensationModuleService>(COMPENSATION_MODULE)
      await compensation.writeEntries(
        ["1.25", "2.50", "0.05"].map((amount) => ledgerEntry({ status: "approved", hold_until: new Date(Date.now() - 86400000), promoter_id: promoter.id, amount }))
      )
      const payout = (await api.post("/admin/payouts", { currency_code: "eur", minimum: "0" }, admin)).data.payout
      expect(String(payout.total)).toBe("3.8")

      const newTables = OLD_TABLES.map((t) => `promoter_${t}`)
      const before = await fingerprints(db, newTables)
      const shapeNow = await shape(db, "promoter_")
      expect(Number(before.promoter_commission_entry.split(":")[0])).toBe(3)
      expect(Number(before.promoter_automation_rule.split(":")[0])).toBe(1)

      // Back to the database as the earlier version left it: old table names, old index and constraint names.
      await migrate(db, "down")
      const old = await shape(db, "")
      expect(old.indexes.map((i) => i.table).sort()).toEqual(shapeNow.indexes.map((i) => i.table).sort())
      expect(old.indexes.filter((i) => /^(IDX_)?promoter_(automation|commission|insight)_/.test(i.name))).toEqual([])
      expect(old.constraints.filter((c) => c.name.startsWith("promoter_"))).toEqual([])
      expect(Object.values(await fingerprints(db, OLD_TABLES))).toEqual(Object.values(before))

      // Another plugin already has a table under one of the generic names: the forward migration leaves it alone.
      await db.raw(`create table "automation_other_plugin" (id text primary key)`)

      // Forward, twice (a re-run changes nothing), by the migration files themselves.
      await migrate(db, "up")
      await migrate(db, "up")
      expect(await fingerprints(db, newTables)).toEqual(before)
      const after = await shape(db, "promoter_")
      expect(after).toEqual(shapeNow)
      expect((await db.raw("select to_regclass('automation_other_plugin') is not null as kept")).rows[0].kept).toBe(true)
      await db.raw(`drop table "automation_other_plugin"`)

      // The running server reads the carried rows.
      const read = (await api.get(`/admin/automation-rules/${rule.id}`, admin)).data.automation_rule
      expect(read).toMatchObject({ id: rule.id, name: "Kept", status: "active" })
      const payouts = (await api.get("/admin/payouts", admin)).data.payouts as { id: string; total: string }[]
      expect(String(payouts.find((p) => p.id === payout.id)?.total)).toBe("3.8")
    })
  },
})
