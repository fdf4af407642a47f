import type PromoterModuleService from "../../modules/promoter/service"
import type { TreeNode } from "../../modules/promoter/service"

/** Tree rows (id, sponsor, depth) with the promoters' names, codes, statuses and tiers, in one query. */
export async function treeNodesWithProfiles(promoters: PromoterModuleService, nodes: TreeNode[]) {
  if (!nodes.length) return []
  const rows = await promoters.listPromoters(
    { id: nodes.map((n) => n.id) },
    { select: ["id", "name", "referral_code", "status", "tier_id"], take: nodes.length }
  )
  const byId = new Map(rows.map((r) => [r.id, r]))
  // Only the selected columns: the row object also carries the unloaded `tier` relation.
  return nodes.map((n) => {
    const row = byId.get(n.id)
    return { id: n.id, name: row?.name, referral_code: row?.referral_code, status: row?.status, tier_id: row?.tier_id ?? null, sponsor_id: n.sponsor_id, level: n.depth }
  })
}
