import { z } from "@medusajs/framework/zod"
import { parseDetails } from "./parse-details"
import type { PayoutLineResult, PayoutProviderFactory } from "./types"

const PaypalOptions = z
  .object({
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    /** https://api-m.paypal.com (live), https://api-m.sandbox.paypal.com, or a local server in tests. */
    baseUrl: z.string().url().default("https://api-m.paypal.com"),
    timeoutMs: z.number().int().min(100).max(120000).default(20000),
    emailSubject: z.string().max(255).default("You have a payout"),
  })
  .strict()

export const PaypalDetails = z.object({ email: z.string().trim().toLowerCase().email("must be the PayPal account's e-mail") }).strict()

/** PayPal's item states that will not turn into a payment (the line's entries go back to approved). */
const FAILED = new Set(["FAILED", "RETURNED", "BLOCKED", "REFUNDED", "REVERSED", "DENIED"])

type BatchItem = { payout_item_id: string; transaction_status: string; payout_item: { sender_item_id: string }; errors?: { name?: string; message?: string } }
type Batch = { batch_header: { payout_batch_id: string; batch_status: string }; items?: BatchItem[] }

/**
 * PayPal Payouts (REST v1, no SDK): one batch per payout, the payout's id as sender_batch_id and as PayPal-Request-Id
 * (sending again returns the first batch instead of a second), one item per promoter (receiver e-mail, amount,
 * sender_item_id = promoter id). Items settle later: lines stay pending with the batch id until the batch's item says
 * SUCCESS (paid) or a final failure; executing the payout again asks.
 */
export const paypalPayoutProvider: PayoutProviderFactory = ({ options }) => {
  const o = PaypalOptions.parse(options)
  const call = async <T,>(path: string, init: { method: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: T }> => {
    const res = await fetch(new URL(path, o.baseUrl), { ...init, signal: AbortSignal.timeout(o.timeoutMs) })
    const text = await res.text()
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T }
  }
  const token = async () => {
    const basic = Buffer.from(`${o.clientId}:${o.clientSecret}`).toString("base64")
    const { status, body } = await call<{ access_token?: string; error_description?: string }>("/v1/oauth2/token", {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    })
    if (status !== 200 || !body.access_token) throw new Error(`PayPal token: ${status} ${body.error_description ?? ""}`.trim())
    return body.access_token
  }
  const itemResult = (promoter_id: string, batch: Batch): PayoutLineResult => {
    const item = batch.items?.find((i) => i.payout_item.sender_item_id === promoter_id)
    if (!item) return { promoter_id, status: "pending", reference: batch.batch_header.payout_batch_id, error: null }
    if (item.transaction_status === "SUCCESS") return { promoter_id, status: "paid", reference: item.payout_item_id, error: null }
    if (FAILED.has(item.transaction_status)) {
      return { promoter_id, status: "failed", reference: item.payout_item_id, error: `${item.transaction_status}: ${item.errors?.name ?? ""} ${item.errors?.message ?? ""}`.trim() }
    }
    return { promoter_id, status: "pending", reference: batch.batch_header.payout_batch_id, error: null }
  }
  const batchOf = async (batchId: string, access: string) => {
    const { status, body } = await call<Batch>(`/v1/payments/payouts/${encodeURIComponent(batchId)}`, { method: "GET", headers: { authorization: `Bearer ${access}` } })
    if (status !== 200) throw new Error(`PayPal batch ${batchId}: ${status}`)
    return body
  }
  return {
    id: "paypal",
    secretFields: [],
    validateDetails: (details) => ({ details: parseDetails(PaypalDetails, details) }),
    send: async ({ payout_id, lines }) => {
      const access = await token()
      const { status, body } = await call<Batch & { name?: string; message?: string }>("/v1/payments/payouts", {
        method: "POST",
        headers: { authorization: `Bearer ${access}`, "content-type": "application/json", "paypal-request-id": payout_id },
        body: JSON.stringify({
          sender_batch_header: { sender_batch_id: payout_id, email_subject: o.emailSubject },
          items: lines.map((l) => ({
            recipient_type: "EMAIL",
            receiver: PaypalDetails.parse(l.details).email,
            amount: { value: l.amount, currency: l.currency_code.toUpperCase() },
            sender_item_id: l.promoter_id,
            note: `Payout ${payout_id}`,
          })),
        }),
      })
      // A batch with this sender_batch_id exists (sent before, its PayPal-Request-Id forgotten): it may have paid, so
      // the lines are not failed; they stay sending, with the error, for an admin to check in PayPal.
      if (status === 400 && JSON.stringify(body).includes("SENDER_BATCH_ID")) throw new Error(`PayPal already has batch ${payout_id}: ${body.name ?? ""}`)
      // PayPal refused the batch (validation, insufficient funds): nothing was paid, every line failed with its reason.
      if (status >= 400 && status < 500) return lines.map((l) => ({ promoter_id: l.promoter_id, status: "failed", reference: null, error: `${body.name ?? status}: ${body.message ?? ""}`.trim() }))
      if (status !== 201 && status !== 200) throw new Error(`PayPal payouts: ${status}`)
      const batch = await batchOf(body.batch_header.payout_batch_id, access)
      return lines.map((l) => itemResult(l.promoter_id, batch))
    },
    status: async ({ reference, promoter_id }) => {
      if (!reference) return null
      const batch = await batchOf(reference, await token())
      return itemResult(promoter_id, batch)
    },
  }
}
