import type { NewEntry } from "../../src/modules/compensation/service"

let written = 0

/**
 * A ledger entry for tests that write the ledger directly: a pending level-1 commission in EUR held until tomorrow,
 * with a source key of its own. Give what the test is about.
 */
export function ledgerEntry(fields: Partial<NewEntry> & Pick<NewEntry, "promoter_id" | "amount">): NewEntry {
  return {
    source_key: `test:${process.pid}:${++written}`,
    kind: "commission",
    status: "pending",
    order_id: null,
    level: 1,
    rate_bps: 1000,
    base: null,
    currency_code: "eur",
    reverses_entry_id: null,
    hold_until: new Date(Date.now() + 86400000),
    note: null,
    ...fields,
  }
}
