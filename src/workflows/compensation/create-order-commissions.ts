import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { computeCommissions } from "../../lib/compensation/commissions"
import { PromoterEvents } from "../../lib/events"
import type { NewEntry } from "../../modules/compensation/service"
import { gatherCommissionInputsStep } from "./steps/gather-commission-inputs"
import { gatherOrderSettlementStep } from "./steps/gather-order-settlement"
import { writeCommissionEntriesStep } from "./steps/write-commission-entries"
import { assessOrderRiskStep } from "./steps/assess-order-risk"
import { settleLedgerStep, settleVolumeStep } from "./settle-order-commissions"

/** One pending entry per (order, promoter, level) for an attributed order, held for the plan's hold period. */
export const createOrderCommissionsWorkflow = createWorkflow(
  "create-order-commissions",
  (input: { order_id: string; promoter_id: string }) => {
    const inputs = gatherCommissionInputsStep(input)
    // Assessed before the entries are written: a flagged order's commissions are held for the fraud review.
    const risk = assessOrderRiskStep(
      transform({ inputs, input }, ({ inputs, input }) =>
        inputs ? { order_id: inputs.order_id, promoter_id: input.promoter_id, self_referral: inputs.self_referral, now: inputs.now } : null
      )
    )
    const entries = transform({ inputs, risk }, ({ inputs, risk }): NewEntry[] => {
      if (!inputs) return []
      const holdUntil = new Date(new Date(inputs.now).getTime() + inputs.plan.hold_days * 86_400_000)
      return computeCommissions({
        chain: inputs.chain,
        base: inputs.base,
        currency: inputs.currency,
        maxDepth: inputs.plan.max_depth,
        compression: inputs.plan.compression,
      }).map((line) => ({
        source_key: `commission:${inputs.order_id}:${line.promoter_id}:${line.level}`,
        kind: "commission",
        status: "pending",
        promoter_id: line.promoter_id,
        order_id: inputs.order_id,
        level: line.level,
        rate_bps: line.rate_bps,
        base: line.base,
        amount: line.amount,
        currency_code: inputs.currency,
        reverses_entry_id: null,
        hold_until: holdUntil,
        note: null,
        // A promoter buying through their own identity, or an order the risk assessment flagged: held until an admin
        // decides, never approved by time.
        hold_reason: inputs.self_referral ? "self_referral" : risk?.flagged ? "risk" : null,
      }))
    })
    const written = writeCommissionEntriesStep(entries)
    // An order canceled, returned or refunded before its commissions were written is settled at once.
    const settlement = gatherOrderSettlementStep(transform({ input }, ({ input }) => ({ order_id: input.order_id, cause: "placed" as const })))
    settleLedgerStep(settlement)
    settleVolumeStep(settlement)
    // Every entry of the order is announced, also those written by an earlier delivery that died before its events
    // left; listeners are idempotent (rules fire once per identical event).
    const events = transform({ written }, ({ written }) => written.map((w) => ({ id: w.id, promoter_id: w.promoter_id, kind: w.kind })))
    emitEventStep({ eventName: PromoterEvents.COMMISSION_CREATED, data: events })
    const flagged = transform({ risk, input }, ({ risk, input }) =>
      risk?.flagged && risk.created
        ? [{ id: risk.id, subject_type: "order", order_id: input.order_id, promoter_id: input.promoter_id, score: risk.score, signals: risk.signals.map((s) => s.code) }]
        : []
    )
    emitEventStep({ eventName: PromoterEvents.RISK_FLAGGED, data: flagged }).config({ name: "emit-risk-flagged" })
    return new WorkflowResponse(written)
  }
)
