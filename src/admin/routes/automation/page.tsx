import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Bolt, Plus } from "@medusajs/icons"
import { Badge, Button, Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { SimpleTable, TitleCell } from "../../components/simple-table"
import { Empty, Loadable, NativeSelect } from "../../components/states"
import { formatDate, useApi } from "../../lib/api"
import { STATUS_COLOR } from "../../lib/types"

export type RuleRow = {
  id: string
  name: string
  status: "draft" | "active" | "paused"
  version: number
  subject: "customer" | "promoter"
  trigger_key: string
  definition: { outcome?: string; description?: string }
  updated_at: string
  runs?: { runs_30d: number; fired_30d: number; last_run_at: string | null; last_fired_at: string | null }
}

const AutomationPage = () => {
  const navigate = useNavigate()
  const [status, setStatus] = useState("")
  const rules = useApi<{ automation_rules: RuleRow[]; count: number }>("/admin/automation-rules", { status, limit: 200 })
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading>Automation rules</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Outcomes, triggers, conditions and actions. Every run is logged with the reason it fired or not.
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={() => navigate("/automation/new")}>
          <Plus /> New rule
        </Button>
      </div>
      <div className="flex items-center gap-2 px-6 py-3">
        <NativeSelect
          label="Status"
          value={status}
          onChange={setStatus}
          options={[{ value: "", label: "All statuses" }, ...["active", "draft", "paused"].map((s) => ({ value: s, label: s }))]}
        />
      </div>
      <Loadable
        state={rules}
        empty={(d) =>
          d.automation_rules.length ? null : (
            <Empty title="No rules yet">
              <Link to="/automation/new" className="text-ui-fg-interactive">
                Build the first rule
              </Link>{" "}
              — for example a coupon for a customer's 3rd order, or a bonus at $1,500 of monthly sales.
            </Empty>
          )
        }
      >
        {(d) => (
          <SimpleTable
            rows={d.automation_rules}
            rowKey={(r) => r.id}
            rowProps={() => ({ "data-testid": "rule-row" })}
            onRowClick={(r) => navigate(`/automation/${r.id}`)}
            columns={[
              {
                key: "rule",
                header: "Rule",
                cell: (r) => <TitleCell title={r.name} detail={`${r.subject} · v${r.version}`} />,
              },
              { key: "status", header: "Status", cell: (r) => <StatusBadge color={STATUS_COLOR[r.status]}>{r.status}</StatusBadge> },
              { key: "trigger", header: "Trigger", cell: (r) => <Badge size="2xsmall">{r.trigger_key}</Badge> },
              { key: "outcome", header: "Outcome", cell: (r) => r.definition?.outcome ?? "–" },
              { key: "runs", header: "Runs (30 d)", align: "right", cell: (r) => r.runs?.runs_30d ?? 0 },
              { key: "fired", header: "Fired (30 d)", align: "right", cell: (r) => r.runs?.fired_30d ?? 0 },
              { key: "last-run", header: "Last run", cell: (r) => formatDate(r.runs?.last_run_at, true) },
            ]}
          />
        )}
      </Loadable>
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Automation", icon: Bolt })
export default AutomationPage
