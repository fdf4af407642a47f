import Stripe from "stripe"
import { z } from "@medusajs/framework/zod"
import { currencyDigits } from "../../../lib/money"
import { parseDetails } from "./parse-details"
import type { PayoutLineResult, PayoutProvider, PayoutProviderFactory } from "./types"

const StripeOptions = z
  .object({
    apiKey: z.string().min(1),
    /** Where the API is (tests point the official client at a local server). */
    host: z.string().optional(),
    port: z.union([z.number().int(), z.string()]).optional(),
    protocol: z.enum(["http", "https"]).optional(),
    timeoutMs: z.number().int().min(100).max(120000).default(20000),
    /** The client's own retries of a failed connection, with the same idempotency key. */
    maxNetworkRetries: z.number().int().min(0).max(5).default(1),
  })
  .strict()

const StripeDetails = z.object({ account_id: z.string().regex(/^acct_[A-Za-z0-9]{6,}$/, "must be a connected account id (acct_…)") }).strict()

/** Exact decimal in the main unit → integer minor units as Stripe wants them (no float ever). */
export function minorUnits(amount: string, currency: string): number {
  const digits = currencyDigits(currency)
  const negative = amount.startsWith("-")
  const [whole, fraction = ""] = amount.replace(/^-/, "").split(".")
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) throw new Error(`${amount} ${currency} has more than ${digits} decimals`)
  const minor = Number(BigInt(whole + fraction.padEnd(digits, "0").slice(0, digits)))
  return negative ? -minor : minor
}

/**
 * Stripe Connect: one transfer per promoter to their connected account, the payout's id as transfer_group and
 * `payout:promoter` as the Idempotency-Key, so sending a line again returns the first transfer instead of a second.
 */
export const stripeConnectPayoutProvider: PayoutProviderFactory = ({ options }) => {
  const o = StripeOptions.parse(options)
  const stripe = new Stripe(o.apiKey, {
    host: o.host,
    port: o.port,
    protocol: o.protocol,
    timeout: o.timeoutMs,
    maxNetworkRetries: o.maxNetworkRetries,
    telemetry: false,
  })
  const result = (promoter_id: string, transfer: Stripe.Transfer): PayoutLineResult => ({
    promoter_id,
    status: transfer.reversed ? "failed" : "paid",
    reference: transfer.id,
    error: transfer.reversed ? "transfer reversed" : null,
  })
  const provider: PayoutProvider = {
    id: "stripe_connect",
    secretFields: [],
    validateDetails: (details) => ({ details: parseDetails(StripeDetails, details) }),
    send: async ({ payout_id, lines }) => {
      const results: PayoutLineResult[] = []
      for (const line of lines) {
        const { account_id } = StripeDetails.parse(line.details)
        try {
          const transfer = await stripe.transfers.create(
            {
              amount: minorUnits(line.amount, line.currency_code),
              currency: line.currency_code,
              destination: account_id,
              transfer_group: payout_id,
              metadata: { payout_id, promoter_id: line.promoter_id },
            },
            { idempotencyKey: line.idempotency_key }
          )
          results.push(result(line.promoter_id, transfer))
        } catch (error) {
          // Stripe answered and refused (a card/invalid request error): the line failed. No answer (connection,
          // timeout, Stripe's 5xx): unknown, so the whole send throws and the lines stay "sending" for a retry.
          if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError) {
            results.push({ promoter_id: line.promoter_id, status: "failed", reference: null, error: `${error.code ?? error.type}: ${error.message}` })
            continue
          }
          throw error
        }
      }
      return results
    },
    status: async ({ reference, promoter_id }) => (reference ? result(promoter_id, await stripe.transfers.retrieve(reference)) : null),
  }
  return provider
}
