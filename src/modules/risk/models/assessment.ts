import { model } from "@medusajs/framework/utils"

/**
 * A risk assessment of an attributed order (its commissions) or of a promoter: the score, the signals with their
 * evidence, and the review. A flagged order's commissions are held (hold_reason "risk") until an admin decides.
 */
const RiskAssessment = model
  .define("promoter_risk_assessment", {
    id: model.id({ prefix: "risk" }).primaryKey(),
    subject_type: model.enum(["order", "promoter"]),
    /** The order id, or for a promoter's assessment "<promoter id>:<day>". */
    subject_key: model.text(),
    promoter_id: model.text(),
    order_id: model.text().nullable(),
    score: model.float(),
    flagged: model.boolean(),
    signals: model.json(),
    /** clear: nothing to review; pending: flagged, waiting for an admin; approved / rejected: decided. */
    review: model.enum(["clear", "pending", "approved", "rejected"]),
    note: model.text().nullable(),
    decided_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["subject_type", "subject_key"], unique: true },
    { on: ["review", "created_at"] },
    { on: ["promoter_id", "created_at"] },
  ])

export default RiskAssessment
