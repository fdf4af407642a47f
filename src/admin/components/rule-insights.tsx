// One rule's measured outcomes (GET /admin/automation-rules/:id/report): funnel, cost, treated against held out with
// the uplift and its interval, and the variants with their allocation.
import { Badge, Table, Text } from "@medusajs/ui"
import { formatMoney, useApi, type Money } from "../lib/api"
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
            <Table>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell>Group</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">Subjects</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">Responded</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">Response rate</Table.HeaderCell>
                  <Table.HeaderCell className="text-right">Revenue / subject</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {(["treated", "holdout"] as const).map((arm) => (
                  <Table.Row key={arm}>
                    <Table.Cell>{arm === "treated" ? "Treated" : "Held out"}</Table.Cell>
                    <Table.Cell className="text-right">{r.control[arm].n}</Table.Cell>
                    <Table.Cell className="text-right">{r.control[arm].responders}</Table.Cell>
                    <Table.Cell className="text-right">{pct(r.control[arm].response_rate)}</Table.Cell>
                    <Table.Cell className="text-right">{r.control[arm].revenue_per_subject?.toFixed(2) ?? "–"}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
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
              <Table>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>Variant</Table.HeaderCell>
                    <Table.HeaderCell className="text-right">Subjects</Table.HeaderCell>
                    <Table.HeaderCell className="text-right">Response rate (95 % CI)</Table.HeaderCell>
                    <Table.HeaderCell className="text-right">P(best)</Table.HeaderCell>
                    <Table.HeaderCell className="text-right">Allocation now</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {r.variants.arms.map((a) => (
                    <Table.Row key={a.name} data-testid="variant-row">
                      <Table.Cell>{a.name}</Table.Cell>
                      <Table.Cell className="text-right">{a.subjects}</Table.Cell>
                      <Table.Cell className="text-right">
                        {pct(a.response_rate)} {a.response_rate_ci ? `(${pct(a.response_rate_ci.low)}–${pct(a.response_rate_ci.high)})` : ""}
                      </Table.Cell>
                      <Table.Cell className="text-right">{pct(a.p_best)}</Table.Cell>
                      <Table.Cell className="text-right">{pct(a.allocation)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
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
