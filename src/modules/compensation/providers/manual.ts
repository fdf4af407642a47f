import { z } from "@medusajs/framework/zod"
import type { PayoutProvider } from "./types"
import { parseDetails } from "./parse-details"

const ManualDetails = z
  .object({
    /** How the admin pays this promoter, e.g. "bank transfer". */
    note: z.string().trim().max(500).optional(),
    /** Account holder and bank account (IBAN or local number): secret, shown only as set. */
    account_holder: z.string().trim().min(1).max(200).optional(),
    bank_account: z.string().trim().regex(/^[A-Za-z0-9 ]{6,40}$/, "must be an IBAN or account number").optional(),
  })
  .strict()

/**
 * The built-in provider: the admin pays outside the store (the payout's CSV) and marks the payout paid. Sending
 * hands the lines to the admin: they wait as pending until mark-paid.
 */
export const manualPayoutProvider = (): PayoutProvider => ({
  id: "manual",
  secretFields: ["bank_account"],
  validateDetails: (details) => ({ details: parseDetails(ManualDetails, details) }),
  send: async ({ lines }) => lines.map((l) => ({ promoter_id: l.promoter_id, status: "pending", reference: null, error: null })),
  status: async () => null,
})
