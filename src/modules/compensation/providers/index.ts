import { MedusaError } from "@medusajs/framework/utils"
import type { PluginOptions } from "../../../lib/options"
import { manualPayoutProvider } from "./manual"
import { paypalPayoutProvider } from "./paypal"
import { storeCreditPayoutProvider } from "./store-credit"
import { stripeConnectPayoutProvider } from "./stripe-connect"
import type { PayoutProvider, PayoutProviderFactory } from "./types"

export type { PayoutProvider, PayoutLineResult, PayoutSendLine } from "./types"

const BUILT_IN: Record<string, PayoutProviderFactory> = {
  manual: manualPayoutProvider,
  stripe_connect: stripeConnectPayoutProvider,
  store_credit: storeCreditPayoutProvider,
  paypal: paypalPayoutProvider,
}

/** The ids a payout or a payout method may name: manual and every configured provider. */
export function payoutProviderIds(options: PluginOptions): string[] {
  return [...new Set(["manual", ...options.payouts.providers.map((p) => p.id)])]
}

/** The configured provider with that id (a 400 for one the store has not configured). */
export function payoutProvider({ id, options, container }: { id: string; options: PluginOptions; container: { resolve<T>(key: string): T } }): PayoutProvider {
  const config = options.payouts.providers.find((p) => p.id === id) ?? (id === "manual" ? { id, options: {} } : null)
  if (!config) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Payout provider ${id} is not configured (configured: ${payoutProviderIds(options).join(", ")})`)
  const factory = "resolve" in config && config.resolve ? loadFactory(config.resolve) : BUILT_IN[id]
  if (!factory) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Payout provider ${id} has no built-in implementation: give it a resolve`)
  return factory({ options: config.options, container })
}

function loadFactory(resolve: string): PayoutProviderFactory {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a store's own provider, named in its options like Medusa's
  const mod = require(resolve) as { default?: PayoutProviderFactory }
  if (typeof mod.default !== "function") throw new MedusaError(MedusaError.Types.INVALID_DATA, `Payout provider module ${resolve} has no default factory`)
  return mod.default
}

/** A payout method as it is answered: the provider's secret fields only as set, never their values. */
export function payoutMethodView(method: { id: string; promoter_id: string; provider_id: string; details: unknown; created_at?: unknown; updated_at?: unknown }, provider: PayoutProvider | null) {
  const details = { ...((method.details ?? {}) as Record<string, unknown>) }
  const secrets = provider?.secretFields ?? Object.keys(details)
  const secrets_set = secrets.filter((f) => details[f] !== undefined)
  for (const f of secrets) delete details[f]
  return { id: method.id, promoter_id: method.promoter_id, provider_id: method.provider_id, details, secrets_set, created_at: method.created_at, updated_at: method.updated_at }
}
