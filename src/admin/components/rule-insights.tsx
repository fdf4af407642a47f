// One rule's measured outcomes (GET /admin/automation-rules/:id/report): funnel, cost, treated against held out with
// the uplift and its interval, and the variants with their allocation.
import { Badge, Text } from "@medusajs/ui"
import { formatMoney, useApi, type Money } from "../lib/api"
import { SimpleTable } from "./simple-table"
import { Loadable, Stat } from "./states"

type Interval = { estimate: number; low: number; high: number } | null
type Arm = { n: number; responders: number; response_rate: number | null; revenue_per_subject: number | null }
export type RuleReport = {
  rule: { id: string; name: string; holdout_share: number; outcome_window_days: number }
  funnel: { triggered: number; subjects: number; matched: number; fired: number; held_out: number; acted: number; responded: number; orders: number; revenue: Money }
  actions: { type: string; taken: number; coupons_redeemed?: number }[]
  cost: { discounts: Money; bonuses: Money; total: Money }
  control: { treated: Arm; holdout: Arm; response_uplift: Interval; revenue_uplift: Interval; verdict: string; reason: string; open_windows: number; net_return: Money | null }
  variants: {
    explore_min_share: number
    winner: string | null
    arms: { name: string; subjects: number; decided: number; responders: number; response_rate: number | null; response_rate_ci: { low: number; high: number } | null; allocation: number; p_best: number }[]
  } | null
}

export const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(digits)} %`)
export const points = (i: Interval) =>
  i ? `${i.estimate >= 0 ? "+" : ""}${(i.estimate * 100).toFixed(1)} pp (${(i.low * 100).toFixed(1)} to ${(i.high * 100).toFixed(1)})` : "–"

export const VERDICT_COLOR: Record<string, "green" | "red" | "orange" | "grey"> = {
  positive: "green",
  negative: "red",
  no_measurable_difference: "orange",
  not_enough_data: "grey",
  no_control_group: "grey",
}

export const RuleInsights = ({ ruleId, from, to }: { ruleId: string; from?: string; to?: string }) => {
  const state = useApi<{ report: RuleReport }>(`/admin/automation-rules/${ruleId}/report`, { from, to })
  return (
    <Loadable state={state}>
      {({ report: r }) => (
        <div className="flex flex-col gap-y-4 px-6 py-4" data-testid="rule-insights">
          <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
            <Stat label="Triggered" value={r.funnel.triggered} hint={`${r.funnel.subjects} subjects`} />
            <Stat label="Acted" value={r.funnel.acted} hint={`${r.funnel.held_out} held out`} />
            <Stat label="Responded" value={r.funnel.responded} hint={`${r.funnel.orders} orders in ${r.rule.outcome_window_days} days`} />
            <Stat label="Revenue" value={formatMoney(r.funnel.revenue.amount, r.funnel.revenue.currency_code)} />
            <Stat label="Cost" value={formatMoney(r.cost.total.amount, r.cost.total.currency_code)} hint={`discounts ${r.cost.discounts.amount} · bonuses ${r.cost.bonuses.amount}`} />
          </div>
          <div className="flex flex-col gap-y-1">
            <Text size="small" weight="plus">
              Against the control group ({pct(r.rule.holdout_share, 0)} held out){" "}
              <Badge size="2xsmall" color={VERDICT_COLOR[r.control.verdict]}>
                {r.control.verdict.replace(/_/g, " ")}
              </Badge>
            </Text>
            <Text size="small" className="text-ui-fg-subtle">
              {r.control.reason}
              {r.control.open_windows ? ` · ${r.control.open_windows} outcome windows still open` : ""}
            </Text>
            <SimpleTable
              rows={["treated", "holdout"] as const}
              rowKey={(arm) => arm}
              columns={[
                { key: "group", header: "Group", cell: (arm) => (arm === "treated" ? "Treated" : "Held out") },
                { key: "subjects", header: "Subjects", align: "right", cell: (arm) => r.control[arm].n },
                { key: "responded", header: "Responded", align: "right", cell: (arm) => r.control[arm].responders },
                { key: "rate", header: "Response rate", align: "right", cell: (arm) => pct(r.control[arm].response_rate) },
                { key: "revenue", header: "Revenue / subject", align: "right", cell: (arm) => r.control[arm].revenue_per_subject?.toFixed(2) ?? "–" },
              ]}
            />
            <Text size="small">
              Response uplift {points(r.control.response_uplift)} · revenue per subject{" "}
              {r.control.revenue_uplift ? `${r.control.revenue_uplift.estimate.toFixed(2)} (${r.control.revenue_uplift.low.toFixed(2)} to ${r.control.revenue_uplift.high.toFixed(2)})` : "–"}
              {r.control.net_return ? ` · net return ${formatMoney(r.control.net_return.amount, r.control.net_return.currency_code)}` : ""}
            </Text>
          </div>
          {r.variants ? (
            <div className="flex flex-col gap-y-1">
              <Text size="small" weight="plus">
                Variants (at least {pct(r.variants.explore_min_share, 0)} each){r.variants.winner ? ` — "${r.variants.winner}" has clearly won` : ""}
              </Text>
              <SimpleTable
                rows={r.variants.arms}
                rowKey={(a) => a.name}
                rowProps={() => ({ "data-testid": "variant-row" })}
                columns={[
                  { key: "variant", header: "Variant", cell: (a) => a.name },
                  { key: "subjects", header: "Subjects", align: "right", cell: (a) => a.subjects },
                  {
                    key: "rate",
                    header: "Response rate (95 % CI)",
                    align: "right",
                    cell: (a) => (
                      <>
                        {pct(a.response_rate)} {a.response_rate_ci ? `(${pct(a.response_rate_ci.low)}–${pct(a.response_rate_ci.high)})` : ""}
                      </>
                    ),
                  },
                  { key: "p-best", header: "P(best)", align: "right", cell: (a) => pct(a.p_best) },
                  { key: "allocation", header: "Allocation now", align: "right", cell: (a) => pct(a.allocation) },
                ]}
              />
            </div>
          ) : null}
          {r.actions.length ? (
            <Text size="small" className="text-ui-fg-subtle">
              Actions taken: {r.actions.map((a) => `${a.type} × ${a.taken}${a.coupons_redeemed !== undefined ? ` (${a.coupons_redeemed} redeemed)` : ""}`).join(" · ")}
            </Text>
          ) : null}
        </div>
      )}
    </Loadable>
  )
}
