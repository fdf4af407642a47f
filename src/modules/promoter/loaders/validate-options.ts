import type { LoaderOptions } from "@medusajs/framework/types"
import { parsePluginOptions, PluginOptionsError, pluginOptionsErrorParagraph } from "../../../lib/options"

/**
 * Runs when the module loads, i.e. when the store starts: a bad plugin option stops start-up with a message that
 * names the option, logged as one paragraph before Medusa prints its own report of the error.
 */
export default async function validateOptionsLoader({ options, logger }: LoaderOptions<Record<string, unknown>>) {
  try {
    parsePluginOptions(options)
  } catch (error) {
    if (error instanceof PluginOptionsError) logger?.error(pluginOptionsErrorParagraph(error))
    throw error
  }
}
