import type { LoaderOptions } from "@medusajs/framework/types"
import { parsePluginOptions } from "../../../lib/options"
import { registerFact } from "../../../lib/rules-engine"

/**
 * Registers the store's own facts (plugin option `facts`) with the rules engine when the module loads, so every
 * process that runs or saves rules (server, worker, `medusa exec`) knows them. A fact the engine refuses (a built-in
 * name) stops start-up with the reason.
 */
export default async function registerFactsLoader({ options }: LoaderOptions<Record<string, unknown>>) {
  for (const fact of parsePluginOptions(options).facts) {
    try {
      registerFact(fact)
    } catch (error) {
      throw new Error(`medusa-plugin-promoter: plugin option "facts": ${(error as Error).message}`)
    }
  }
}
