import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { parseDetails } from "./parse-details"
import type { PayoutLineResult, PayoutProviderFactory } from "./types"

/** The loyalty plugin's store-credit module key (its PluginModule.STORE_CREDIT). */
const STORE_CREDIT_MODULE = "store_credit"
/** The `reference` of the credits a payout writes; `reference_id` is the line's idempotency key. */
export const PAYOUT_CREDIT_REFERENCE = "promoter_payout"

type StoreCreditService = {
  listStoreCreditAccounts(filters: Record<string, unknown>, config?: Record<string, unknown>): Promise<{ id: string }[]>
  listAccountTransactions(filters: Record<string, unknown>, config?: Record<string, unknown>): Promise<{ id: string; account_id?: string }[]>
}

type Run<I, O> = (container: unknown) => { run(args: { input: I }): Promise<{ result: O }> }
type LoyaltyWorkflows = {
  createStoreCreditAccountsWorkflow: Run<{ customer_id: string; currency_code: string }[], { id: string }[]>
  creditAccountsWorkflow: Run<{ account_id: string; amount: string; reference: string; reference_id: string; note: string }[], { id: string }[]>
}

/** The loyalty plugin's workflows, loaded only by a store that configures store_credit (it is an optional peer). */
function loyaltyWorkflows(): LoyaltyWorkflows {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional peer: a static import would need it in every store
    return require("@medusajs/loyalty-plugin/workflows") as LoyaltyWorkflows
  } catch {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "store_credit needs @medusajs/loyalty-plugin installed and registered in the store")
  }
}

/**
 * Store credit through @medusajs/loyalty-plugin (which the store installs): the line's amount is credited to the
 * promoter's own customer account in the payout's currency (the account made on first use), so the promoter spends it
 * in the shop. A credit with the line's idempotency key as reference_id is looked for first: a line is credited once.
 */
export const storeCreditPayoutProvider: PayoutProviderFactory = ({ container }) => {
  const { createStoreCreditAccountsWorkflow, creditAccountsWorkflow } = loyaltyWorkflows()
  const storeCredit = () => {
    try {
      return container.resolve<StoreCreditService>(STORE_CREDIT_MODULE)
    } catch {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "store_credit needs @medusajs/loyalty-plugin installed in the store")
    }
  }
  const credited = async (key: string) => {
    const [trx] = await storeCredit().listAccountTransactions({ reference: PAYOUT_CREDIT_REFERENCE, reference_id: key }, { take: 1 })
    return trx ?? null
  }
  const paid = (promoter_id: string, reference: string): PayoutLineResult => ({ promoter_id, status: "paid", reference, error: null })
  return {
    id: "store_credit",
    secretFields: [],
    validateDetails: (details) => ({ details: parseDetails(z.object({}).strict(), details) }),
    send: async ({ payout_id, lines }) => {
      const results: PayoutLineResult[] = []
      for (const line of lines) {
        if (!line.customer_id) {
          results.push({ promoter_id: line.promoter_id, status: "failed", reference: null, error: "The promoter has no customer account to credit" })
          continue
        }
        const before = await credited(line.idempotency_key)
        if (before) {
          results.push(paid(line.promoter_id, before.id))
          continue
        }
        const currency_code = line.currency_code.toLowerCase()
        let [account] = await storeCredit().listStoreCreditAccounts({ customer_id: line.customer_id, currency_code }, { take: 1 })
        if (!account) {
          const { result } = await createStoreCreditAccountsWorkflow(container).run({ input: [{ customer_id: line.customer_id, currency_code }] })
          account = result[0]
        }
        const { result } = await creditAccountsWorkflow(container).run({
          input: [{ account_id: account.id, amount: line.amount, reference: PAYOUT_CREDIT_REFERENCE, reference_id: line.idempotency_key, note: `Payout ${payout_id}` }],
        })
        results.push(paid(line.promoter_id, result[0].id))
      }
      return results
    },
    status: async ({ idempotency_key, promoter_id }) => {
      const trx = await credited(idempotency_key)
      return trx ? paid(promoter_id, trx.id) : null
    },
  }
}
