/**
 * The payout provider seam, shaped like Medusa's own providers: the plugin options list providers by id, each with
 * its options; `manual` is built in. A provider knows how to move money for one payout's lines and how to find out
 * what became of a line it was asked to pay before.
 */

/** One promoter's share of a payout, as it is sent. */
export type PayoutSendLine = {
  promoter_id: string
  /** Exact decimal string in the currency's main unit (src/lib/money). */
  amount: string
  currency_code: string
  /** The promoter's payout method details (validated by validateDetails when they were saved), secrets included. */
  details: Record<string, unknown>
  /**
   * One key per (payout, promoter): sending a line again with the same key never pays twice (the provider dedupes,
   * or answers with what it did the first time).
   */
  idempotency_key: string
  /** What the provider needs to know about the promoter beyond the method (e.g. their customer id). */
  customer_id?: string | null
}

export type PayoutLineResult = {
  promoter_id: string
  /** paid: the money moved; failed: it did not and will not (the line's entries go back to approved); pending: ask later. */
  status: "paid" | "failed" | "pending"
  /** The provider's id for what it did (a transfer, a batch item, a credit line); null when it did nothing. */
  reference: string | null
  error: string | null
}

export type PayoutSendInput = { payout_id: string; lines: PayoutSendLine[] }

export type ValidatedDetails = {
  /** What is stored. */
  details: Record<string, unknown>
}

export interface PayoutProvider {
  readonly id: string
  /** Names of detail fields that are written but never shown again (responses show only that they are set). */
  readonly secretFields: readonly string[]
  /** Validates a promoter's payout method details; throws a MedusaError (INVALID_DATA) naming the bad field. */
  validateDetails(details: unknown): ValidatedDetails
  /**
   * Sends the lines. Each line gets a result; a line the provider refused is `failed` with its error. Throws only when
   * it cannot tell what happened (timeout, unreachable): the lines stay "sending" and a retry sends them again with
   * the same idempotency keys.
   */
  send(input: PayoutSendInput): Promise<PayoutLineResult[]>
  /** What became of a line sent before (by its reference, or by its idempotency key when there is no reference yet). */
  status(line: { reference: string | null; idempotency_key: string; promoter_id: string; payout_id: string }): Promise<PayoutLineResult | null>
}

/** What a provider factory gets: its options from the plugin options, and the Medusa container (for store_credit). */
export type PayoutProviderFactory = (args: { options: Record<string, unknown>; container: { resolve<T>(key: string): T } }) => PayoutProvider
