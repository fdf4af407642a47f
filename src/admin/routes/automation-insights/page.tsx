// Automation insights: the store's summary over a period (what the rules did, cost and returned against their
// control groups), suggestions with their evidence, promoters close to a goal, the purchase model's accuracy, and
// each rule's measured outcomes.
import { defineRouteConfig } from "@medusajs/admin-sdk"
import { LightBulb } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { pct, points, RuleInsights, VERDICT_COLOR } from "../../components/rule-insights"
import { SimpleTable } from "../../components/simple-table"
import { Empty, Loadable, NativeSelect, Section, Stat } from "../../components/states"
import { api, errorMessage, formatMoney, useApi } from "../../lib/api"

type Insights = {
  period: { from: string; to: string }
  currency_code: string
  rules: { id: string; name: string; fired: number; acted: number; held_out: number; responded: number; revenue: string; cost: string; verdict: string; response_uplift: { estimate: number; low: number; high: number } | null; net_return: string | null }[]
  totals: { acted: number; held_out: number; responded: number; revenue: string; cost: string }
  promoters_close: { promoter_id: string; name: string; goal: string; current: string; target: string; p_next_goal: number | null; forecast: string | null }[]
  suggestions: { kind: string; rule_id: string; rule_name: string; message: string; evidence: Record<string, unknown> }[]
  model: { fitted_at: string; customers: number; brier_30d: number | null; baseline_brier_30d: number | null } | null
}

const KIND_LABEL: Record<string, string> = {
  no_uplift: "No measurable uplift",
  negative_uplift: "Negative uplift",
  raise_threshold: "Better threshold",
  variant_won: "Variant won",
}

const AutomationInsightsPage = () => {
  const [days, setDays] = useState("30")
  const [ruleId, setRuleId] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const from = useMemo(() => new Date(Date.now() - Number(days) * 86_400_000).toISOString(), [days])
  const state = useApi<{ insights: Insights; text: string; writer: string }>("/admin/automation/insights", { from })
  const run = async (path: string, done: string) => {
    setBusy(true)
    try {
      await api(path, { method: "POST", body: {} })
      toast.success(done)
      state.reload()
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setBusy(false)
    }
  }
  return (
    <Container className="divide-y p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div>
          <Heading>Automation insights</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            What the rules did and what followed, measured against their control groups, with suggestions from the data.
          </Text>
        </div>
        <div className="flex items-center gap-2">
          <NativeSelect
            label="Period"
            value={days}
            onChange={setDays}
            options={[
              { value: "7", label: "Last 7 days" },
              { value: "30", label: "Last 30 days" },
              { value: "90", label: "Last 90 days" },
              { value: "365", label: "Last 12 months" },
            ]}
          />
          <Button size="small" variant="secondary" isLoading={busy} onClick={() => run("/admin/automation/predictions/fit", "Predictions fitted")}>
            Fit predictions
          </Button>
          <Button size="small" variant="secondary" isLoading={busy} onClick={() => run("/admin/automation/insights/summary", "Summary stored and sent")}>
            Send summary
          </Button>
        </div>
      </div>
      <Loadable state={state}>
        {({ insights: d, text, writer }) => (
          <>
            <div className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-5">
              <Stat label="Acted on" value={d.totals.acted} />
              <Stat label="Held out" value={d.totals.held_out} />
              <Stat label="Responded" value={d.totals.responded} />
              <Stat label="Revenue after" value={formatMoney(d.totals.revenue, d.currency_code)} />
              <Stat label="Cost" value={formatMoney(d.totals.cost, d.currency_code)} />
            </div>
            <Section title="Suggestions">
              {d.suggestions.length ? (
                <div className="flex flex-col divide-y">
                  {d.suggestions.map((s, i) => (
                    <details key={i} className="px-6 py-3" data-testid="suggestion">
                      <summary className="cursor-pointer">
                        <Badge size="2xsmall" className="mr-2">
                          {KIND_LABEL[s.kind] ?? s.kind}
                        </Badge>
                        <Text size="small" as="span">
                          {s.message}
                        </Text>
                      </summary>
                      <pre className="bg-ui-bg-subtle mt-2 overflow-x-auto rounded-md p-3 text-xs">{JSON.stringify(s.evidence, null, 2)}</pre>
                    </details>
                  ))}
                </div>
              ) : (
                <Empty title="No suggestions">Nothing in the measurements calls for a change.</Empty>
              )}
            </Section>
            <Section title="Rules">
              {d.rules.length ? (
                <SimpleTable
                  rows={d.rules}
                  rowKey={(r) => r.id}
                  rowProps={() => ({ "data-testid": "insight-rule-row" })}
                  onRowClick={(r) => setRuleId(ruleId === r.id ? null : r.id)}
                  columns={[
                    { key: "rule", header: "Rule", cell: (r) => r.name },
                    { key: "fired", header: "Fired", align: "right", cell: (r) => r.fired },
                    {
                      key: "acted",
                      header: "Acted / held out",
                      align: "right",
                      cell: (r) => (
                        <>
                          {r.acted} / {r.held_out}
                        </>
                      ),
                    },
                    { key: "responded", header: "Responded", align: "right", cell: (r) => r.responded },
                    { key: "revenue", header: "Revenue", align: "right", cell: (r) => formatMoney(r.revenue, d.currency_code) },
                    { key: "cost", header: "Cost", align: "right", cell: (r) => formatMoney(r.cost, d.currency_code) },
                    {
                      key: "verdict",
                      header: "Against control",
                      cell: (r) => (
                        <>
                          <Badge size="2xsmall" color={VERDICT_COLOR[r.verdict] ?? "grey"}>
                            {r.verdict.replace(/_/g, " ")}
                          </Badge>{" "}
                          {r.response_uplift ? <Text size="xsmall" as="span">{points(r.response_uplift)}</Text> : null}
                        </>
                      ),
                    },
                  ]}
                />
              ) : (
                <Empty title="No rule fired in this period" />
              )}
              {ruleId ? <RuleInsights ruleId={ruleId} from={from} /> : null}
            </Section>
            <Section title="Promoters close to a goal">
              {d.promoters_close.length ? (
                <SimpleTable
                  headless
                  rows={d.promoters_close}
                  rowKey={(p) => p.promoter_id}
                  columns={[
                    { key: "name", cell: (p) => p.name },
                    { key: "goal", cell: (p) => p.goal },
                    {
                      key: "progress",
                      cell: (p) => (
                        <>
                          {p.current} of {p.target}
                        </>
                      ),
                    },
                    { key: "likely", cell: (p) => (p.p_next_goal !== null ? `${pct(p.p_next_goal, 0)} likely` : "–") },
                    { key: "forecast", cell: (p) => (p.forecast ? `forecast ${p.forecast}` : "") },
                  ]}
                />
              ) : (
                <Empty title="No promoter is close to a goal">Fit the predictions to refresh the forecasts.</Empty>
              )}
            </Section>
            <Section title={`Summary (${writer})`}>
              <pre className="whitespace-pre-wrap px-6 py-4 text-sm" data-testid="summary-text">
                {text}
              </pre>
              {d.model ? (
                <Text size="small" className="text-ui-fg-subtle px-6 pb-4">
                  Purchase model: fitted {new Date(d.model.fitted_at).toLocaleDateString()} on {d.model.customers} customers
                  {d.model.brier_30d !== null ? ` · 30-day Brier ${d.model.brier_30d.toFixed(3)} vs naive ${d.model.baseline_brier_30d?.toFixed(3)}` : ""}
                </Text>
              ) : null}
            </Section>
          </>
        )}
      </Loadable>
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Automation insights", icon: LightBulb })
export default AutomationInsightsPage
