import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: promoters, metadata } = await query.graph({
    entity: "promoter",
    fields: req.queryConfig?.fields ?? ["*"],
    filters: req.filterableFields ?? {},
    pagination: req.queryConfig?.pagination,
  })
  res.json({
    promoters,
    count: metadata?.count ?? promoters.length,
    offset: metadata?.skip ?? 0,
    limit: metadata?.take ?? promoters.length,
  })
}
