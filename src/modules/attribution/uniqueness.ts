// Which touches are unique clicks: a visitor's first touch of a promoter's link, or the first again after an hour.
// Invitations are never unique clicks, and a touch without a visitor always is.
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { NewTouch } from "./touches"

const UNIQUE_WINDOW_MS = 3_600_000

/** The touches in time order, each marked is_unique against the visitors' touches already written and each other. */
export async function markUnique(manager: SqlEntityManager, touches: NewTouch[]): Promise<(NewTouch & { is_unique: boolean })[]> {
  const sorted = [...touches].sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime())
  const visitors = [...new Set(sorted.filter((t) => !t.new_visitor).map((t) => t.visitor_id).filter((v): v is string => !!v))]
  const lastSeen = new Map<string, number>()
  if (visitors.length) {
    const since = new Date(sorted[0].occurred_at.getTime() - UNIQUE_WINDOW_MS)
    const rows: { visitor_id: string; promoter_id: string; link_id: string; last: Date }[] = await manager.execute(
      `select visitor_id, promoter_id, coalesce(link_id, '') as link_id, max(occurred_at) as last
         from promoter_touch where deleted_at is null and visitor_id in (${visitors.map(() => "?").join(", ")})
          and occurred_at >= ?
        group by 1, 2, 3`,
      [...visitors, since]
    )
    for (const r of rows) lastSeen.set(`${r.visitor_id}|${r.promoter_id}|${r.link_id}`, new Date(r.last).getTime())
  }
  return sorted.map((t) => {
    let is_unique = true
    if (t.visitor_id && t.source !== "invitation") {
      const key = `${t.visitor_id}|${t.promoter_id}|${t.link_id ?? ""}`
      const previous = lastSeen.get(key)
      is_unique = previous === undefined || t.occurred_at.getTime() - previous >= UNIQUE_WINDOW_MS
      if (is_unique) lastSeen.set(key, t.occurred_at.getTime())
    }
    return { ...t, is_unique }
  })
}
