import { model } from "@medusajs/framework/utils"
import PromoterLink from "./promoter-link"
import Tier from "./tier"

export const PROMOTER_STATUSES = ["pending", "active", "suspended", "terminated"] as const

const Promoter = model
  .define("promoter", {
    id: model.id({ prefix: "prom" }).primaryKey(),
    name: model.text().searchable(),
    email: model.text().searchable(),
    status: model.enum([...PROMOTER_STATUSES]).default("pending"),
    /** Stored upper-case: codes are case-insensitive when typed or scanned. */
    referral_code: model.text().searchable(),
    /** The promoter who recruited this one (the sponsor tree). Changed only under the tree lock. */
    sponsor_id: model.text().nullable(),
    /**
     * The store customer this promoter is (self-enrolment, portal log-in), also held as a module link for queries.
     * The column carries the invariant: one promoter per customer, by a unique index (concurrent enrolments).
     */
    customer_id: model.text().nullable(),
    enrolled_at: model.dateTime().nullable(),
    metadata: model.json().nullable(),
    /** The latest period (YYYY-MM) whose qualification was applied: an older period never overwrites it. */
    qualified_period: model.text().nullable(),
    tier: model.belongsTo(() => Tier, { mappedBy: "promoters" }).nullable(),
    links: model.hasMany(() => PromoterLink, { mappedBy: "promoter" }),
  })
  .indexes([
    { on: ["referral_code"], unique: true },
    { on: ["sponsor_id"] },
    { on: ["customer_id"], unique: true, where: "customer_id IS NOT NULL" },
    { on: ["email"] },
    { on: ["status"] },
  ])

export default Promoter
