import { model } from "@medusajs/framework/utils"

/**
 * The ledger. Append-only: reversals are new negative entries pointing at what they reverse. `source_key` is
 * unique, so a redelivered or concurrent event never writes an entry twice.
 */
const CommissionEntry = model
  .define("promoter_commission_entry", {
    id: model.id({ prefix: "centry" }).primaryKey(),
    source_key: model.text(),
    kind: model.enum(["commission", "reversal", "bonus"]),
    status: model.enum(["pending", "approved", "rejected", "paid"]).default("pending"),
    promoter_id: model.text(),
    order_id: model.text().nullable(),
    level: model.number().nullable(),
    rate_bps: model.number().nullable(),
    base: model.bigNumber().nullable(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    reverses_entry_id: model.text().nullable(),
    payout_id: model.text().nullable(),
    hold_until: model.dateTime().nullable(),
    note: model.text().nullable(),
    /** Why a pending entry waits for an admin instead of its hold's end (e.g. "self_referral"); null: approved by time. */
    hold_reason: model.text().nullable(),
    /**
     * What earned a bonus, for its review at the end of the hold: the awarding rule's id, version and definition and
     * the triggering event (`{ rule_id, rule_version, definition, event }`). The ledger is the bonus's one record.
     */
    context: model.json().nullable(),
  })
  .indexes([
    { on: ["source_key"], unique: true },
    { on: ["promoter_id", "status"] },
    { on: ["order_id"] },
    { on: ["payout_id"] },
  ])

export default CommissionEntry
