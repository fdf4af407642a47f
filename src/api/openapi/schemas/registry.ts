import { z } from "@medusajs/framework/zod"

/**
 * The schemas that become named components of the document (`#/components/schemas/{id}`): what responses share.
 * Register a schema with `.register(responseComponents, { id })`; give its description with `.describe()` first.
 */
export const responseComponents = z.registry<{ id: string }>()
