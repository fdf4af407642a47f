import { Badge, Button, Container, Heading, Input, StatusBadge, Tabs, Text, Textarea, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useNavigate, useParams } from "react-router-dom"
import { ActionsEditor, ConditionEditor, newLeaf, TraceView, type ActionJson, type Condition, type Trace, type Vocabulary } from "../../../components/rule-builder"
import { SimpleTable } from "../../../components/simple-table"
import { Empty, ErrorState, Field, Loadable, Loading, NativeSelect, Section } from "../../../components/states"
import { api, errorMessage, formatDate, useAction, useApi } from "../../../lib/api"
import { STATUS_COLOR, type PromoterRow } from "../../../lib/types"

type RuleJson = {
  schema_version: 1
  name: string
  description?: string
  outcome: string
  subject: "customer" | "promoter"
  trigger: { type: "event"; event: string } | { type: "date"; date: string } | { type: "schedule"; cron: string }
  conditions?: Condition
  actions: ActionJson[]
  branches?: { name?: string; when: Condition; actions: ActionJson[] }[]
  frequency?: { type: string; window?: Record<string, unknown> }
  [key: string]: unknown
}
type SavedRule = { id: string; name: string; status: "draft" | "active" | "paused"; version: number; definition: RuleJson }
type Issue = { path: string; message: string }
type Run = {
  id?: string
  subject_type?: string
  subject_id?: string
  subject?: { type: string; id: string }
  matched: boolean
  fired: boolean
  skipped_reason: string | null
  trace: Trace | null
  actions: unknown[] | null
  evaluated_at?: string
  at?: string
  event?: string
}

const TEMPLATE: RuleJson = {
  schema_version: 1,
  name: "Thank-you coupon on the third order",
  outcome: "loyalty",
  subject: "customer",
  trigger: { type: "event", event: "order.placed" },
  conditions: { all: [{ fact: "customer.purchases.count", params: { window: { type: "lifetime" } }, operator: "eq", value: 3 }] },
  actions: [{ type: "issue_coupon", discount: "percentage", value: 10, validity: { type: "days", days: 30 }, target: "order" }],
  frequency: { type: "once" },
}

const OUTCOMES = ["loyalty", "recognition", "knowledge", "leadership", "sales", "retention"]

const RulePage = () => {
  const { id } = useParams()
  const isNew = id === "new"
  const navigate = useNavigate()
  const vocab = useApi<Vocabulary>("/admin/automation-rules/vocabulary")
  const saved = useApi<{ automation_rule: SavedRule }>(isNew ? null : `/admin/automation-rules/${id}`)
  const [rule, setRule] = useState<RuleJson | null>(isNew ? TEMPLATE : null)
  const [issues, setIssues] = useState<Issue[] | null>(null)
  const { busy: saving, run: act } = useAction()
  const [tab, setTab] = useState("builder")
  const [jsonText, setJsonText] = useState("")
  const [jsonError, setJsonError] = useState<string | null>(null)

  useEffect(() => {
    if (saved.data && !rule) setRule(saved.data.automation_rule.definition)
  }, [saved.data, rule])

  // The server checks the rule as it is edited (the same schema that guards saving).
  useEffect(() => {
    if (!rule) return
    const t = setTimeout(() => {
      api<{ valid: boolean; issues: Issue[] }>("/admin/automation-rules/validate", { method: "POST", body: { definition: rule } }).then(
        (r) => setIssues(r.issues),
        () => setIssues(null)
      )
    }, 400)
    return () => clearTimeout(t)
  }, [rule])

  if (saved.error) return <Container><ErrorState error={saved.error} onRetry={saved.reload} /></Container>
  if (vocab.error) return <Container><ErrorState error={vocab.error} onRetry={vocab.reload} /></Container>
  if (!rule || !vocab.data) return <Container><Loading rows={6} /></Container>
  const v = vocab.data
  const update = (patch: Partial<RuleJson>) => setRule({ ...rule, ...patch })

  const validate = async () => {
    try {
      const r = await api<{ valid: boolean; issues: Issue[] }>("/admin/automation-rules/validate", { method: "POST", body: { definition: rule } })
      setIssues(r.issues)
      if (r.valid) toast.success("The rule is valid")
      else toast.error("The rule has problems", { description: r.issues.map((i) => `${i.path}: ${i.message}`).join("; ") })
    } catch (err) {
      toast.error("Could not validate", { description: errorMessage(err) })
    }
  }
  const save = async (status?: "active" | "paused" | "draft") => {
    await act("Could not save the rule", async () => {
      if (isNew) {
        const { automation_rule } = await api<{ automation_rule: SavedRule }>("/admin/automation-rules", {
          method: "POST",
          body: { definition: rule, status: status ?? "draft" },
        })
        toast.success("Rule created")
        navigate(`/automation/${automation_rule.id}`, { replace: true })
      } else {
        await api(`/admin/automation-rules/${id}`, { method: "POST", body: { definition: rule, ...(status ? { status } : {}) } })
        toast.success(status === "active" ? "Rule saved and active" : status === "paused" ? "Rule paused" : "Rule saved")
        saved.reload()
      }
    })
  }
  const openTab = (next: string) => {
    if (next === "json") {
      setJsonText(JSON.stringify(rule, null, 2))
      setJsonError(null)
    }
    setTab(next)
  }
  const applyJson = () => {
    try {
      const parsed = JSON.parse(jsonText)
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("The rule must be a JSON object")
      setRule(parsed)
      setJsonError(null)
      toast.success("JSON applied to the builder")
    } catch (err) {
      setJsonError(errorMessage(err))
    }
  }
  const status = saved.data?.automation_rule.status ?? "draft"

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div className="flex items-center gap-x-2">
            <Heading>{isNew ? "New rule" : rule.name}</Heading>
            {isNew ? null : <StatusBadge color={STATUS_COLOR[status]}>{status}</StatusBadge>}
            {saved.data ? <Badge size="2xsmall">v{saved.data.automation_rule.version}</Badge> : null}
          </div>
          <div className="flex items-center gap-x-2">
            <Button size="small" variant="secondary" onClick={validate}>
              Validate
            </Button>
            <Button size="small" variant="secondary" onClick={() => save()} isLoading={saving}>
              {isNew ? "Save as draft" : "Save"}
            </Button>
            {status === "active" ? (
              <Button size="small" variant="secondary" onClick={() => save("paused")} isLoading={saving}>
                Pause
              </Button>
            ) : (
              <Button size="small" onClick={() => save("active")} isLoading={saving}>
                {isNew ? "Save and activate" : "Activate"}
              </Button>
            )}
          </div>
        </div>
        <IssuesList issues={issues} />
        <Tabs value={tab} onValueChange={openTab}>
          <div className="px-6 pt-3">
            <Tabs.List>
              <Tabs.Trigger value="builder">Builder</Tabs.Trigger>
              <Tabs.Trigger value="json">JSON</Tabs.Trigger>
            </Tabs.List>
          </div>
          <Tabs.Content value="builder">
            <Builder rule={rule} update={update} vocab={v} />
          </Tabs.Content>
          <Tabs.Content value="json">
            <div className="flex flex-col gap-y-2 px-6 py-4">
              <Textarea aria-label="Rule JSON" rows={24} className="font-mono text-xs" value={jsonText} onChange={(e) => setJsonText(e.target.value)} />
              {jsonError ? (
                <Text size="small" className="text-ui-fg-error" role="alert">
                  {jsonError}
                </Text>
              ) : null}
              <div>
                <Button size="small" variant="secondary" onClick={applyJson}>
                  Apply JSON
                </Button>
              </div>
            </div>
          </Tabs.Content>
        </Tabs>
      </Container>
      <DryRun rule={rule} ruleId={isNew ? null : id!} />
      {isNew ? null : <RunHistory ruleId={id!} />}
    </div>
  )
}

const IssuesList = ({ issues }: { issues: Issue[] | null }) => {
  if (!issues) return null
  if (!issues.length)
    return (
      <div className="px-6 py-2" data-testid="rule-valid">
        <Text size="small" className="text-ui-tag-green-text">
          ✔ Valid rule
        </Text>
      </div>
    )
  return (
    <div className="flex flex-col gap-y-1 px-6 py-2" role="alert" data-testid="rule-issues">
      {issues.map((i, n) => (
        <Text key={n} size="small" className="text-ui-fg-error">
          <span className="font-mono">{i.path}</span>: {i.message}
        </Text>
      ))}
    </div>
  )
}

const Builder = ({ rule, update, vocab }: { rule: RuleJson; update: (p: Partial<RuleJson>) => void; vocab: Vocabulary }) => {
  const trigger = rule.trigger ?? { type: "event", event: "order.placed" }
  return (
    <div className="flex flex-col gap-y-6 px-6 py-4">
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Field label="Name" id="rule-name">
          <Input id="rule-name" value={rule.name ?? ""} onChange={(e) => update({ name: e.target.value })} />
        </Field>
        <Field label="Description" id="rule-description">
          <Input id="rule-description" value={rule.description ?? ""} onChange={(e) => update({ description: e.target.value || undefined })} />
        </Field>
      </div>
      <div className="flex flex-wrap items-end gap-4">
        <LabeledSelect label="Outcome" value={rule.outcome} onChange={(o) => update({ outcome: o })} options={OUTCOMES} />
        <LabeledSelect
          label="Subject"
          value={rule.subject}
          onChange={(s) => update({ subject: s as RuleJson["subject"], conditions: rule.conditions ? { all: [newLeaf(vocab, s)] } : undefined })}
          options={["customer", "promoter"]}
        />
        <LabeledSelect
          label="Trigger"
          value={trigger.type}
          onChange={(t) =>
            update({
              trigger: t === "event" ? { type: "event", event: "order.placed" } : t === "date" ? { type: "date", date: "birthday" } : { type: "schedule", cron: "0 9 1 * *" },
            })
          }
          options={["event", "date", "schedule"]}
        />
        {trigger.type === "event" ? (
          <LabeledSelect
            label="Event"
            value={trigger.event}
            onChange={(e) => update({ trigger: { type: "event", event: e } })}
            options={[...new Set([...vocab.events, trigger.event])]}
          />
        ) : null}
        {trigger.type === "date" ? (
          <LabeledSelect label="Date" value={trigger.date} onChange={(d) => update({ trigger: { type: "date", date: d } })} options={["birthday", "customer_anniversary", "enrolment_anniversary"]} />
        ) : null}
        {trigger.type === "schedule" ? (
          <Field label="Cron (store time zone)" id="rule-cron">
            <Input id="rule-cron" size="small" value={trigger.cron} onChange={(e) => update({ trigger: { type: "schedule", cron: e.target.value } })} />
          </Field>
        ) : null}
        <LabeledSelect
          label="Fires"
          value={rule.frequency?.type ?? "every_time"}
          onChange={(f) => update({ frequency: f === "once_per_period" ? { type: f, window: { type: "calendar", unit: "month", offset: 0 } } : { type: f } })}
          options={["every_time", "once", "once_per_period"]}
        />
      </div>
      <div className="flex flex-col gap-y-2">
        <Text weight="plus" size="small">
          When
        </Text>
        {rule.conditions ? (
          <ConditionEditor value={rule.conditions} onChange={(c) => update({ conditions: c })} onRemove={() => update({ conditions: undefined })} vocab={vocab} subject={rule.subject} />
        ) : (
          <div>
            <Button size="small" variant="secondary" type="button" onClick={() => update({ conditions: { all: [newLeaf(vocab, rule.subject)] } })}>
              Add conditions
            </Button>
            <Text size="xsmall" className="text-ui-fg-subtle mt-1">
              No conditions: the rule fires on every trigger.
            </Text>
          </div>
        )}
      </div>
      <div className="flex flex-col gap-y-2">
        <Text weight="plus" size="small">
          Then
        </Text>
        <ActionsEditor value={rule.actions ?? []} onChange={(a) => update({ actions: a })} vocab={vocab} />
      </div>
      <div className="flex flex-col gap-y-2">
        <Text weight="plus" size="small">
          Branches (the first whose condition holds adds its actions)
        </Text>
        {(rule.branches ?? []).map((b, i) => (
          <div key={i} className="flex flex-col gap-y-2 rounded-md border p-3" data-testid="branch">
            <div className="flex items-center gap-x-2">
              <Input size="small" aria-label="Branch name" className="w-56" value={b.name ?? ""} placeholder={`Branch ${i + 1}`} onChange={(e) => update({ branches: rule.branches!.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })} />
              <Button size="small" variant="transparent" type="button" onClick={() => update({ branches: rule.branches!.filter((_, j) => j !== i) })}>
                Remove branch
              </Button>
            </div>
            <ConditionEditor value={b.when} onChange={(c) => update({ branches: rule.branches!.map((x, j) => (j === i ? { ...x, when: c } : x)) })} vocab={vocab} subject={rule.subject} path={`branches.${i}.when`} />
            <ActionsEditor value={b.actions} onChange={(a) => update({ branches: rule.branches!.map((x, j) => (j === i ? { ...x, actions: a } : x)) })} vocab={vocab} path={`branches.${i}.actions`} />
          </div>
        ))}
        <div>
          <Button
            size="small"
            variant="secondary"
            type="button"
            onClick={() =>
              update({
                branches: [...(rule.branches ?? []), { name: "", when: { all: [newLeaf(vocab, rule.subject)] }, actions: [{ type: "send_message", channel: "email", template: "thank-you", to: "subject" }] }],
              })
            }
          >
            Add branch
          </Button>
        </div>
      </div>
    </div>
  )
}

const LabeledSelect = ({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: string[] }) => (
  <div className="flex flex-col gap-y-1.5">
    <Text size="small" weight="plus">
      {label}
    </Text>
    <NativeSelect label={label} value={value} onChange={onChange} options={options.map((o) => ({ value: o, label: o.replace(/_/g, " ") }))} />
  </div>
)

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

const DryRun = ({ rule, ruleId }: { rule: RuleJson; ruleId: string | null }) => {
  const [subjectId, setSubjectId] = useState("")
  const [from, setFrom] = useState(day(-90))
  const [to, setTo] = useState(day(0))
  const [result, setResult] = useState<{ events: number; fired: number; runs: Run[] } | null>(null)
  const { busy, run: act } = useAction()
  const promoters = useApi<{ promoters: PromoterRow[] }>(rule.subject === "promoter" ? "/admin/promoters" : null, { limit: 200 })
  const customers = useApi<{ customers: { id: string; email: string; first_name?: string; last_name?: string }[] }>(
    rule.subject === "customer" ? "/admin/customers" : null,
    { limit: 100, fields: "id,email,first_name,last_name" }
  )
  const options =
    rule.subject === "promoter"
      ? (promoters.data?.promoters ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.referral_code})` }))
      : (customers.data?.customers ?? []).map((c) => ({ value: c.id, label: c.email }))
  useEffect(() => setSubjectId(""), [rule.subject])
  const run = async () => {
    await act("Dry-run failed", async () => {
      const body = {
        definition: rule,
        subject: { type: rule.subject, id: subjectId },
        from: new Date(`${from}T00:00:00Z`).toISOString(),
        to: new Date(`${to}T23:59:59Z`).toISOString(),
      }
      const { simulation } = await api<{ simulation: { events: number; fired: number; runs: Run[] } }>(
        ruleId ? `/admin/automation-rules/${ruleId}/simulate` : "/admin/automation-rules/simulate",
        { method: "POST", body }
      )
      setResult(simulation)
    })
  }
  return (
    <Container className="p-0">
      <Section title="Dry-run on history">
        <div className="flex flex-wrap items-end gap-3 px-6 py-4">
          <div className="flex flex-col gap-y-1.5">
            <Text size="small" weight="plus">
              {rule.subject === "promoter" ? "Promoter" : "Customer"}
            </Text>
            <NativeSelect label="Dry-run subject" value={subjectId} onChange={setSubjectId} options={[{ value: "", label: "Choose…" }, ...options]} />
          </div>
          <Field label="From" id="dry-from">
            <Input id="dry-from" size="small" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label="To" id="dry-to">
            <Input id="dry-to" size="small" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
          <Button size="small" variant="secondary" onClick={run} isLoading={busy} disabled={!subjectId}>
            Run dry-run
          </Button>
        </div>
        {result ? (
          <div className="flex flex-col gap-y-3 px-6 pb-4" data-testid="dry-run-result">
            <Text size="small" weight="plus">
              {result.events} trigger{result.events === 1 ? "" : "s"} in the range · the rule would fire {result.fired} time{result.fired === 1 ? "" : "s"}
            </Text>
            {result.runs.length ? null : <Empty title="Nothing in this range triggers the rule for this subject" />}
            {result.runs.map((r, i) => (
              <RunCard key={i} run={r} />
            ))}
          </div>
        ) : null}
      </Section>
    </Container>
  )
}

const RunCard = ({ run }: { run: Run }) => (
  <div className="flex flex-col gap-y-2 rounded-md border p-3" data-testid="run-card">
    <div className="flex flex-wrap items-center gap-2">
      <Text size="small" weight="plus">
        {formatDate(run.at ?? run.evaluated_at, true)}
      </Text>
      {run.event ? <Badge size="2xsmall">{run.event}</Badge> : null}
      <StatusBadge color={run.fired ? "green" : run.matched ? "orange" : "grey"}>{run.fired ? "would fire" : run.matched ? "matched, not fired" : "no match"}</StatusBadge>
      {run.skipped_reason ? (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {run.skipped_reason}
        </Text>
      ) : null}
    </div>
    <TraceView trace={run.trace} />
    {run.actions?.length ? (
      <div className="flex flex-col gap-y-1">
        <Text size="xsmall" weight="plus">
          Actions
        </Text>
        {run.actions.map((a, i) => (
          <Text key={i} size="xsmall" className="font-mono">
            {JSON.stringify(a)}
          </Text>
        ))}
      </div>
    ) : null}
  </div>
)

const RunHistory = ({ ruleId }: { ruleId: string }) => {
  const runs = useApi<{ runs: Run[]; count: number }>(`/admin/automation-rules/${ruleId}/runs`, { limit: 50 })
  return (
    <Container className="p-0">
      <Section title="Run history" actions={<Button size="small" variant="transparent" onClick={runs.reload}>Refresh</Button>}>
        <Loadable state={runs} empty={(d) => (d.runs.length ? null : <Empty title="No runs yet">Runs appear when the rule's trigger happens while it is active.</Empty>)}>
          {(d) => (
            <SimpleTable
              rows={d.runs}
              // stored runs always have an id; Run leaves it optional because dry-run results share the type
              rowKey={(r) => r.id!}
              rowProps={() => ({ "data-testid": "history-row" })}
              columns={[
                { key: "when", header: "When", cell: (r) => formatDate(r.evaluated_at, true) },
                { key: "subject", header: "Subject", className: "font-mono text-xs", cell: (r) => r.subject_id },
                {
                  key: "result",
                  header: "Result",
                  cell: (r) => <StatusBadge color={r.fired ? "green" : r.matched ? "orange" : "grey"}>{r.fired ? "fired" : r.matched ? "matched" : "no match"}</StatusBadge>,
                },
                {
                  key: "why",
                  header: "Why",
                  cell: (r) => (
                    <details>
                      <summary className="txt-compact-small cursor-pointer">{r.skipped_reason ?? (r.fired ? `${r.actions?.length ?? 0} action(s)` : "conditions")}</summary>
                      <div className="py-2">
                        <RunCard run={r} />
                      </div>
                    </details>
                  ),
                },
              ]}
            />
          )}
        </Loadable>
      </Section>
    </Container>
  )
}

export default RulePage
