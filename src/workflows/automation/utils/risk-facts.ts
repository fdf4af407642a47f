// The promoter's risk assessments as rule facts (promoter.risk.*): one read of the last 30 days per evaluation.
import type { MedusaContainer } from "@medusajs/framework/types"
import { RISK_MODULE } from "../../../modules/risk"
import type RiskModuleService from "../../../modules/risk/service"

export const RISK_FACTS = new Set(["promoter.risk.flagged", "promoter.risk.score", "promoter.risk.coupon_leak"])

export async function riskFact(
  container: MedusaContainer,
  subject: { type: "customer" | "promoter"; id: string },
  now: Date
): Promise<(name: string) => unknown> {
  if (subject.type !== "promoter") return () => null
  const rows = await container
    .resolve<RiskModuleService>(RISK_MODULE)
    .listRiskAssessments(
      { promoter_id: subject.id, created_at: { $gte: new Date(now.getTime() - 30 * 86_400_000) } },
      { select: ["score", "review", "signals"], take: null }
    )
  const flagged = rows.some((r) => r.review === "pending" || r.review === "rejected")
  const score = rows.reduce((max, r) => Math.max(max, Number(r.score)), 0)
  const leak = rows.some((r) => ((r.signals as { list?: { code: string }[] } | null)?.list ?? []).some((s) => s.code === "coupon_leak"))
  return (name) => (name === "promoter.risk.flagged" ? flagged : name === "promoter.risk.score" ? score : name === "promoter.risk.coupon_leak" ? leak : null)
}
