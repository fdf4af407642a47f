import type { LoaderOptions } from "@medusajs/framework/types"
import { parsePluginOptions } from "../../../lib/options"

/**
 * Runs when the module loads, i.e. when the store starts: a bad plugin option stops start-up with a message that
 * names the option.
 */
export default async function validateOptionsLoader({ options }: LoaderOptions<Record<string, unknown>>) {
  parsePluginOptions(options)
}
