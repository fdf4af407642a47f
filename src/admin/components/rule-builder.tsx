// The visual rule builder. It edits the same JSON the API validates (src/lib/rules-engine/schema.ts): every
// control writes into that object, and the JSON view shows and accepts the same object.
import { Plus, Trash } from "@medusajs/icons"
import { Badge, Button, IconButton, Input, Text } from "@medusajs/ui"
import { NativeSelect } from "./states"

export type Vocabulary = {
  facts: { name: string; type: string; subject: string; description: string; params: string[] }[]
  operators: { name: string; description: string; value: "scalar" | "list" | "range" | "none" | string }[]
  actions: string[]
  events: string[]
  seasons: { name: string; start: string; end: string }[]
}

type Json = Record<string, unknown>
export type Leaf = { fact: string; params?: Json; operator: string; value?: unknown }
export type Condition = Leaf | { all: Condition[] } | { any: Condition[] } | { not: Condition }

const isGroup = (c: Condition): c is { all: Condition[] } | { any: Condition[] } => "all" in c || "any" in c
const inputClass = "w-40"

export function newLeaf(vocab: Vocabulary, subject: string): Leaf {
  const fact = vocab.facts.find((f) => f.subject === subject) ?? vocab.facts[0]
  return { fact: fact.name, ...(fact.params.includes("window") ? { params: { window: { type: "lifetime" } } } : {}), operator: "gte", value: 1 }
}

/** A condition tree: groups (all / any), negation and leaves (fact, parameters, operator, value). */
export const ConditionEditor = ({
  value,
  onChange,
  onRemove,
  vocab,
  subject,
  path = "conditions",
}: {
  value: Condition
  onChange: (c: Condition) => void
  onRemove?: () => void
  vocab: Vocabulary
  subject: string
  path?: string
}) => {
  if ("not" in value) {
    return (
      <div className="flex flex-col gap-y-2 rounded-md border border-dashed p-2" data-path={path}>
        <div className="flex items-center gap-x-2">
          <Badge size="2xsmall" color="red">
            NOT
          </Badge>
          <Button size="small" variant="transparent" type="button" onClick={() => onChange(value.not)}>
            Remove NOT
          </Button>
          {onRemove ? <RemoveButton label="Remove condition" onClick={onRemove} /> : null}
        </div>
        <ConditionEditor value={value.not} onChange={(c) => onChange({ not: c })} vocab={vocab} subject={subject} path={`${path}.not`} />
      </div>
    )
  }
  if (isGroup(value)) {
    const kind = "all" in value ? "all" : "any"
    const children = "all" in value ? value.all : value.any
    const set = (list: Condition[]) => onChange(kind === "all" ? { all: list } : { any: list })
    return (
      <div className="bg-ui-bg-subtle flex flex-col gap-y-2 rounded-md border p-3" data-path={path} role="group" aria-label={`${kind} group`}>
        <div className="flex items-center gap-x-2">
          <NativeSelect
            label="Group type"
            value={kind}
            onChange={(k) => onChange(k === "all" ? { all: children } : { any: children })}
            options={[
              { value: "all", label: "All of (AND)" },
              { value: "any", label: "Any of (OR)" },
            ]}
          />
          <Button size="small" variant="transparent" type="button" onClick={() => set([...children, newLeaf(vocab, subject)])}>
            <Plus /> Condition
          </Button>
          <Button size="small" variant="transparent" type="button" onClick={() => set([...children, { all: [newLeaf(vocab, subject)] }])}>
            <Plus /> Group
          </Button>
          <Button size="small" variant="transparent" type="button" onClick={() => onChange({ not: value })}>
            Negate
          </Button>
          {onRemove ? <RemoveButton label="Remove group" onClick={onRemove} /> : null}
        </div>
        {children.map((c, i) => (
          <ConditionEditor
            key={i}
            value={c}
            vocab={vocab}
            subject={subject}
            path={`${path}.${kind}.${i}`}
            onChange={(next) => set(children.map((x, j) => (j === i ? next : x)))}
            onRemove={children.length > 1 ? () => set(children.filter((_, j) => j !== i)) : undefined}
          />
        ))}
      </div>
    )
  }
  return <LeafEditor leaf={value} onChange={onChange} onRemove={onRemove} vocab={vocab} subject={subject} path={path} />
}

const RemoveButton = ({ label, onClick }: { label: string; onClick: () => void }) => (
  <IconButton size="small" variant="transparent" type="button" aria-label={label} onClick={onClick} className="ml-auto">
    <Trash />
  </IconButton>
)

const LeafEditor = ({
  leaf,
  onChange,
  onRemove,
  vocab,
  subject,
  path,
}: {
  leaf: Leaf
  onChange: (c: Condition) => void
  onRemove?: () => void
  vocab: Vocabulary
  subject: string
  path: string
}) => {
  const fact = vocab.facts.find((f) => f.name === leaf.fact)
  const operator = vocab.operators.find((o) => o.name === leaf.operator)
  const facts = vocab.facts.filter((f) => f.subject === subject || f.subject === "any" || f.name === leaf.fact)
  const params = leaf.params ?? {}
  const setParams = (next: Json) => onChange({ ...leaf, params: next })
  const changeFact = (name: string) => {
    const def = vocab.facts.find((f) => f.name === name)!
    const nextParams: Json = {}
    if (def.params.includes("window")) nextParams.window = params.window ?? { type: "lifetime" }
    if (def.params.includes("path")) nextParams.path = params.path ?? "id"
    const value = def.type === "money" ? { amount: 100, currency_code: "usd" } : def.type === "number" ? 1 : ""
    onChange({ fact: name, ...(Object.keys(nextParams).length ? { params: nextParams } : {}), operator: def.type === "money" || def.type === "number" ? "gte" : "eq", value })
  }
  return (
    <div className="bg-ui-bg-base flex flex-wrap items-center gap-2 rounded-md border p-2" data-path={path} data-testid="condition-leaf">
      <NativeSelect
        label="Fact"
        value={leaf.fact}
        onChange={changeFact}
        options={facts.map((f) => ({ value: f.name, label: f.name }))}
      />
      {fact?.params.includes("window") ? (
        <WindowEditor value={(params.window as Json) ?? { type: "lifetime" }} onChange={(w) => setParams({ ...params, window: w })} seasons={vocab.seasons} />
      ) : null}
      {fact?.params.includes("path") ? (
        <Input size="small" aria-label="Event field" className={inputClass} value={String(params.path ?? "")} onChange={(e) => setParams({ ...params, path: e.target.value })} placeholder="field.path" />
      ) : null}
      {fact?.params.includes("currency_code") ? (
        <Input
          size="small"
          aria-label="Currency (optional)"
          className="w-20"
          value={String(params.currency_code ?? "")}
          placeholder="cur"
          onChange={(e) => {
            const { currency_code: _, ...rest } = params
            setParams(e.target.value ? { ...rest, currency_code: e.target.value } : rest)
          }}
        />
      ) : null}
      <NativeSelect
        label="Operator"
        value={leaf.operator}
        onChange={(op) => {
          const def = vocab.operators.find((o) => o.name === op)
          const next: Leaf = { fact: leaf.fact, ...(leaf.params ? { params: leaf.params } : {}), operator: op }
          if (def?.value === "none") return onChange(next)
          if (def?.value === "list") return onChange({ ...next, value: Array.isArray(leaf.value) ? leaf.value : leaf.value === undefined ? [] : [leaf.value] })
          if (def?.value === "range") return onChange({ ...next, value: Array.isArray(leaf.value) ? leaf.value.slice(0, 2) : [leaf.value ?? 0, leaf.value ?? 0] })
          onChange({ ...next, value: Array.isArray(leaf.value) ? leaf.value[0] : leaf.value ?? "" })
        }}
        options={vocab.operators.map((o) => ({ value: o.name, label: o.description }))}
      />
      {operator?.value === "none" ? null : <ValueEditor value={leaf.value} type={fact?.type ?? "any"} kind={operator?.value ?? "scalar"} onChange={(v) => onChange({ ...leaf, value: v })} />}
      {fact ? (
        <Text size="xsmall" className="text-ui-fg-muted basis-full">
          {fact.description}
        </Text>
      ) : (
        <Text size="xsmall" className="text-ui-fg-error basis-full">
          Unknown fact
        </Text>
      )}
      {onRemove ? <RemoveButton label="Remove condition" onClick={onRemove} /> : null}
    </div>
  )
}

function parseScalar(text: string, type: string): unknown {
  if (type === "number" && text.trim() !== "" && !Number.isNaN(Number(text))) return Number(text)
  if (text === "true" || text === "false") return text === "true"
  if (type !== "string" && text.trim() !== "" && /^-?\d+(\.\d+)?$/.test(text)) return Number(text)
  return text
}

const ValueEditor = ({ value, type, kind, onChange }: { value: unknown; type: string; kind: string; onChange: (v: unknown) => void }) => {
  if (type === "money" && kind === "scalar") {
    const money = (value && typeof value === "object" ? value : { amount: value ?? 0, currency_code: "usd" }) as { amount: unknown; currency_code: string }
    return (
      <span className="flex items-center gap-x-1">
        <Input size="small" aria-label="Amount" type="number" step="any" className="w-28" value={String(money.amount ?? "")} onChange={(e) => onChange({ ...money, amount: e.target.value === "" ? 0 : Number(e.target.value) })} />
        <Input size="small" aria-label="Currency" className="w-16" value={money.currency_code} onChange={(e) => onChange({ ...money, currency_code: e.target.value })} />
      </span>
    )
  }
  if (kind === "list" || kind === "range") {
    const list = Array.isArray(value) ? value : []
    return (
      <Input
        size="small"
        aria-label={kind === "range" ? "From, to" : "Values (comma-separated)"}
        className="w-48"
        value={list.map((v) => (v && typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ")}
        onChange={(e) => onChange(e.target.value.split(",").map((s) => s.trim()).filter((s) => s !== "").map((s) => parseScalar(s, type)))}
      />
    )
  }
  return (
    <Input
      size="small"
      aria-label="Value"
      className={inputClass}
      type={type === "number" ? "number" : "text"}
      value={value === undefined || value === null ? "" : String(value)}
      onChange={(e) => onChange(parseScalar(e.target.value, type))}
    />
  )
}

/** A time window: calendar period, rolling days, month of year, season, since the subject started, lifetime. */
export const WindowEditor = ({ value, onChange, seasons }: { value: Json; onChange: (w: Json) => void; seasons: { name: string }[] }) => {
  const type = String(value.type ?? "lifetime")
  const defaults: Record<string, Json> = {
    lifetime: { type: "lifetime" },
    calendar: { type: "calendar", unit: "month", offset: 0 },
    rolling: { type: "rolling", days: 30 },
    month_of_year: { type: "month_of_year", month: 12, years_ago: 0 },
    season: { type: "season", season: seasons[0]?.name ?? "summer", years_ago: 0 },
    since_subject: { type: "since_subject", months: 12 },
  }
  const num = (key: string, label: string, width = "w-16") => (
    <Input size="small" type="number" aria-label={label} className={width} value={String(value[key] ?? 0)} onChange={(e) => onChange({ ...value, [key]: Number(e.target.value) })} />
  )
  return (
    <span className="flex items-center gap-x-1" data-testid="window-editor">
      <NativeSelect
        label="Window"
        value={type}
        onChange={(t) => onChange(defaults[t])}
        options={[
          { value: "lifetime", label: "lifetime" },
          { value: "calendar", label: "this / last period" },
          { value: "rolling", label: "last N days" },
          { value: "month_of_year", label: "month of year" },
          { value: "season", label: "season" },
          { value: "since_subject", label: "since start (months)" },
        ]}
      />
      {type === "calendar" ? (
        <>
          <NativeSelect label="Period" value={String(value.unit)} onChange={(u) => onChange({ ...value, unit: u })} options={["day", "week", "month", "quarter", "year"].map((u) => ({ value: u, label: u }))} />
          <NativeSelect
            label="Which period"
            value={String(value.offset ?? 0)}
            onChange={(o) => onChange({ ...value, offset: Number(o) })}
            options={[
              { value: "0", label: "current" },
              { value: "-1", label: "previous" },
            ]}
          />
        </>
      ) : null}
      {type === "rolling" ? num("days", "Days") : null}
      {type === "month_of_year" ? num("month", "Month (1-12)") : null}
      {type === "season" ? (
        <NativeSelect label="Season" value={String(value.season)} onChange={(s) => onChange({ ...value, season: s })} options={seasons.map((s) => ({ value: s.name, label: s.name }))} />
      ) : null}
      {type === "since_subject" ? num("months", "Months") : null}
    </span>
  )
}

export type ActionJson = Json & { type: string }

const ACTION_DEFAULTS: Record<string, ActionJson> = {
  send_message: { type: "send_message", channel: "email", template: "thank-you", to: "subject" },
  issue_coupon: { type: "issue_coupon", discount: "percentage", value: 10, validity: { type: "days", days: 30 }, target: "order" },
  change_tier: { type: "change_tier", to: "next" },
  change_status: { type: "change_status", to: "active" },
  award_bonus: { type: "award_bonus", amount: 50, currency_code: "usd", note: "" },
  set_tags: { type: "set_tags", add: ["vip"], remove: [] },
  set_metadata: { type: "set_metadata", values: { flag: true } },
  emit_event: { type: "emit_event", event: "rule.next_step" },
  delay: { type: "delay", after: { days: 7, hours: 0 }, actions: [{ type: "send_message", channel: "email", template: "reminder", to: "subject" }] },
}

/** A list of actions; `delay` holds its own list (chains). */
export const ActionsEditor = ({ value, onChange, vocab, path = "actions" }: { value: ActionJson[]; onChange: (a: ActionJson[]) => void; vocab: Vocabulary; path?: string }) => (
  <div className="flex flex-col gap-y-2" data-path={path}>
    {value.map((a, i) => (
      <ActionEditor
        key={i}
        action={a}
        vocab={vocab}
        path={`${path}.${i}`}
        onChange={(next) => onChange(value.map((x, j) => (j === i ? next : x)))}
        onRemove={() => onChange(value.filter((_, j) => j !== i))}
      />
    ))}
    <div>
      <Button size="small" variant="secondary" type="button" onClick={() => onChange([...value, ACTION_DEFAULTS.send_message])}>
        <Plus /> Action
      </Button>
    </div>
  </div>
)

const ActionEditor = ({ action, onChange, onRemove, vocab, path }: { action: ActionJson; onChange: (a: ActionJson) => void; onRemove: () => void; vocab: Vocabulary; path: string }) => {
  const set = (patch: Json) => onChange({ ...action, ...patch })
  const text = (key: string, label: string, width = "w-40") => (
    <Input size="small" aria-label={label} placeholder={label} className={width} value={String(action[key] ?? "")} onChange={(e) => set({ [key]: e.target.value })} />
  )
  const amount = (key: string, label: string) => {
    const v = action[key]
    if (v && typeof v === "object") {
      return (
        <span className="flex items-center gap-x-1">
          <Badge size="2xsmall">computed</Badge>
          <Text size="xsmall" className="text-ui-fg-subtle">
            {JSON.stringify(v)}
          </Text>
          <Button size="small" variant="transparent" type="button" onClick={() => set({ [key]: 10 })}>
            Use a fixed value
          </Button>
        </span>
      )
    }
    return <Input size="small" type="number" step="any" aria-label={label} className="w-24" value={String(v ?? "")} onChange={(e) => set({ [key]: Number(e.target.value) })} />
  }
  const select = (key: string, label: string, options: string[]) => (
    <NativeSelect label={label} value={String(action[key] ?? options[0])} onChange={(v) => set({ [key]: v })} options={options.map((o) => ({ value: o, label: o }))} />
  )
  const list = (key: string, label: string) => (
    <Input
      size="small"
      aria-label={label}
      placeholder={label}
      className="w-40"
      value={((action[key] as string[]) ?? []).join(", ")}
      onChange={(e) => set({ [key]: e.target.value.split(",").map((s) => s.trim()).filter(Boolean) })}
    />
  )
  let fields: React.ReactNode = null
  switch (action.type) {
    case "send_message":
      fields = (
        <>
          {select("channel", "Channel", ["email", "sms", "feed", "postal"])}
          {text("template", "Template")}
          {select("to", "Recipient", ["subject", "sponsor"])}
        </>
      )
      break
    case "issue_coupon": {
      const validity = (action.validity ?? { type: "days", days: 30 }) as Json
      fields = (
        <>
          {select("discount", "Discount", ["percentage", "fixed"])}
          {amount("value", "Coupon value")}
          {action.discount === "fixed" ? text("currency_code", "Currency", "w-16") : null}
          <NativeSelect
            label="Valid for"
            value={String(validity.type)}
            onChange={(t) => set({ validity: t === "days" ? { type: "days", days: 30 } : t === "season" ? { type: "season", season: vocab.seasons[0]?.name ?? "summer" } : { type: "next_period", unit: "month" } })}
            options={[
              { value: "days", label: "N days" },
              { value: "next_period", label: "the next period" },
              { value: "season", label: "a season" },
            ]}
          />
          {validity.type === "days" ? (
            <Input size="small" type="number" aria-label="Valid days" className="w-16" value={String(validity.days ?? 30)} onChange={(e) => set({ validity: { type: "days", days: Number(e.target.value) } })} />
          ) : null}
          {validity.type === "next_period" ? (
            <NativeSelect label="Period" value={String(validity.unit)} onChange={(u) => set({ validity: { type: "next_period", unit: u } })} options={["week", "month", "quarter", "year"].map((u) => ({ value: u, label: u }))} />
          ) : null}
          {validity.type === "season" ? (
            <NativeSelect label="Season" value={String(validity.season)} onChange={(s) => set({ validity: { type: "season", season: s } })} options={vocab.seasons.map((s) => ({ value: s.name, label: s.name }))} />
          ) : null}
          {select("target", "Applies to", ["order", "items"])}
        </>
      )
      break
    }
    case "change_tier":
      fields = typeof action.to === "string" ? select("to", "Tier", ["next", "previous"]) : <Text size="small">to tier {JSON.stringify(action.to)}</Text>
      break
    case "change_status":
      fields = select("to", "Status", ["pending", "active", "suspended", "terminated"])
      break
    case "award_bonus":
      fields = (
        <>
          {amount("amount", "Bonus amount")}
          {text("currency_code", "Currency", "w-16")}
          {text("note", "Note")}
        </>
      )
      break
    case "set_tags":
      fields = (
        <>
          {list("add", "Add tags")}
          {list("remove", "Remove tags")}
        </>
      )
      break
    case "set_metadata":
      fields = <Text size="xsmall">{JSON.stringify(action.values)} (edit in the JSON view)</Text>
      break
    case "emit_event":
      fields = text("event", "Event (rule.…)", "w-48")
      break
    case "delay": {
      const after = (action.after ?? { days: 0, hours: 0 }) as { days: number; hours: number }
      fields = (
        <>
          <Text size="small">after</Text>
          <Input size="small" type="number" aria-label="Delay days" className="w-16" value={String(after.days ?? 0)} onChange={(e) => set({ after: { ...after, days: Number(e.target.value) }, at: undefined })} />
          <Text size="small">days</Text>
          <Input size="small" type="number" aria-label="Delay hours" className="w-16" value={String(after.hours ?? 0)} onChange={(e) => set({ after: { ...after, hours: Number(e.target.value) }, at: undefined })} />
          <Text size="small">hours, then:</Text>
        </>
      )
      break
    }
  }
  return (
    <div className="bg-ui-bg-base flex flex-col gap-y-2 rounded-md border p-2" data-path={path} data-testid="action">
      <div className="flex flex-wrap items-center gap-2">
        <NativeSelect
          label="Action"
          value={action.type}
          onChange={(t) => onChange(ACTION_DEFAULTS[t] ?? { type: t })}
          options={vocab.actions.map((a) => ({ value: a, label: a.replace(/_/g, " ") }))}
        />
        {fields}
        <RemoveButton label="Remove action" onClick={onRemove} />
      </div>
      {action.type === "delay" ? (
        <div className="ml-6">
          <ActionsEditor value={(action.actions as ActionJson[]) ?? []} onChange={(a) => set({ actions: a })} vocab={vocab} path={`${path}.actions`} />
        </div>
      ) : null}
    </div>
  )
}

export type Trace =
  | { kind: "leaf"; fact: string; params?: Json; operator: string; expected?: unknown; actual: unknown; result: boolean; note?: string }
  | { kind: "all" | "any"; result: boolean; children: Trace[] }
  | { kind: "not"; result: boolean; child: Trace }

const show = (v: unknown) => (v === undefined ? "–" : typeof v === "object" ? JSON.stringify(v) : String(v))

/** The per-condition trace of one evaluation: each leaf with the actual value it saw and its result. */
export const TraceView = ({ trace }: { trace: Trace | null }) => {
  if (!trace) return <Text size="xsmall" className="text-ui-fg-subtle">No conditions (always true)</Text>
  const mark = (ok: boolean) => (
    <span aria-label={ok ? "true" : "false"} className={ok ? "text-ui-tag-green-icon" : "text-ui-tag-red-icon"}>
      {ok ? "✔" : "✘"}
    </span>
  )
  if (trace.kind === "leaf") {
    return (
      <div className="flex flex-wrap items-center gap-x-2 font-mono text-xs" data-testid="trace-leaf">
        {mark(trace.result)}
        <span>{trace.fact}</span>
        {trace.params ? <span className="text-ui-fg-muted">{JSON.stringify(trace.params)}</span> : null}
        <span className="text-ui-fg-subtle">{trace.operator}</span>
        <span>{show(trace.expected)}</span>
        <span className="text-ui-fg-subtle">— actual:</span>
        <span className="font-semibold">{show(trace.actual)}</span>
        {trace.note ? <span className="text-ui-fg-muted">({trace.note})</span> : null}
      </div>
    )
  }
  if (trace.kind === "not") {
    return (
      <div className="flex flex-col gap-y-1">
        <div className="flex items-center gap-x-2 font-mono text-xs">
          {mark(trace.result)} NOT
        </div>
        <div className="ml-4 border-l pl-2">
          <TraceView trace={trace.child} />
        </div>
      </div>
    )
  }
  return (
    <div className="flex flex-col gap-y-1">
      <div className="flex items-center gap-x-2 font-mono text-xs">
        {mark(trace.result)} {trace.kind.toUpperCase()}
      </div>
      <div className="ml-4 flex flex-col gap-y-1 border-l pl-2">
        {trace.children.map((c, i) => (
          <TraceView key={i} trace={c} />
        ))}
      </div>
    </div>
  )
}
