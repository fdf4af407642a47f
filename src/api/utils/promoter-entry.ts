/**
 * A ledger entry as its promoter sees it. Nothing in it opens someone else's data: no order id, no source key (it
 * holds order, return and refund ids), no base (with the date it points at one sale). The reference is the entry's
 * own id, which only admin routes take, so a promoter can quote it to the store.
 */
type EntryRow = {
  id: string
  kind: "commission" | "reversal" | "bonus"
  status: string
  level: number | null
  rate_bps: number | null
  amount: unknown
  currency_code: string
  reverses_entry_id: string | null
  payout_id: string | null
  hold_until: Date | string | null
  note: string | null
  source_key: string
  created_at: Date | string
}

const REVERSAL_CAUSES = new Set(["cancel", "return", "refund"])

export function promoterEntryView(entry: EntryRow) {
  const cause = entry.source_key.split(":")[1]
  return {
    reference: entry.id,
    kind: entry.kind,
    status: entry.status,
    level: entry.level,
    rate_bps: entry.rate_bps,
    amount: entry.amount,
    currency_code: entry.currency_code,
    created_at: entry.created_at,
    hold_until: entry.hold_until,
    /** The entry a reversal takes back (the promoter's own), and why: a cancel, a return or a refund. */
    reverses: entry.reverses_entry_id,
    reason: entry.kind === "reversal" && REVERSAL_CAUSES.has(cause) ? cause : null,
    /** A bonus's note is the store's text (the rule's note or name); other notes name their cause's ids. */
    note: entry.kind === "bonus" ? entry.note : null,
    payout_id: entry.payout_id,
  }
}
