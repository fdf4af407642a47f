import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ArrowDownTray, CurrencyDollar } from "@medusajs/icons"
import { Button, Container, Heading, Input, Prompt, StatusBadge, Text, toast, usePrompt } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { Link, useSearchParams } from "react-router-dom"
import { PayoutRequestsSection } from "../../components/payout-requests"
import { SimpleTable } from "../../components/simple-table"
import { Empty, Field, Loadable, NativeSelect, Section, Pager } from "../../components/states"
import { api, downloadText, errorMessage, formatDate, formatMoney, useAction, useApi } from "../../lib/api"
import { STATUS_COLOR, type Entry, type Income, type Payout, type PromoterRow } from "../../lib/types"

const PAGE_SIZE = 50

/**
 * Filter by promoter in a store with any number of them: type a name, e-mail or code, pick among the first matches
 * (the selected promoter stays listed).
 */
const PromoterFilter = ({ value, onChange }: { value: string; onChange: (id: string) => void }) => {
  const [search, setSearch] = useState("")
  const [q, setQ] = useState("")
  useEffect(() => {
    const t = setTimeout(() => setQ(search.trim()), 250)
    return () => clearTimeout(t)
  }, [search])
  const matches = useApi<{ promoters: PromoterRow[] }>("/admin/promoters", { q: q || undefined, limit: 20 })
  const selected = useApi<{ promoter: PromoterRow }>(value ? `/admin/promoters/${value}` : null)
  const rows = [...(selected.data && value ? [selected.data.promoter] : []), ...(matches.data?.promoters ?? []).filter((p) => p.id !== value)]
  return (
    <>
      <Input size="small" type="search" placeholder="Find promoter" aria-label="Find promoter" value={search} onChange={(e) => setSearch(e.target.value)} className="w-40" />
      <NativeSelect
        label="Promoter"
        value={value}
        onChange={onChange}
        options={[{ value: "", label: "All promoters" }, ...rows.map((p) => ({ value: p.id, label: `${p.name} (${p.referral_code})` }))]}
      />
    </>
  )
}

const CommissionsPage = () => {
  const [params, setParams] = useSearchParams()
  const promoterId = params.get("promoter_id") ?? ""
  const status = params.get("status") ?? ""
  const [page, setPage] = useState(0)
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params)
    if (value) next.set(key, value)
    else next.delete(key)
    setParams(next)
    setPage(0)
  }
  const ledger = useApi<{ commissions: Entry[]; count: number }>("/admin/commissions", {
    promoter_id: promoterId,
    status,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  })
  const balances = useApi<{ balances: (Income & { promoter_id: string; promoter?: { name: string } | null })[] }>("/admin/commission-balances")
  const payouts = useApi<{ payouts: Payout[] }>("/admin/payouts")
  const nameOf = (e: Entry) => e.promoter?.name ?? e.promoter_id
  const prompt = usePrompt()

  const decide = async (entry: Entry, decision: "approve" | "reject") => {
    if (decision === "reject") {
      const ok = await prompt({
        title: "Reject this commission?",
        description: `${formatMoney(entry.amount, entry.currency_code)} for ${nameOf(entry)} will not be paid.`,
        confirmText: "Reject",
        cancelText: "Cancel",
      })
      if (!ok) return
    }
    try {
      await api(`/admin/commissions/${entry.id}/${decision}`, { method: "POST" })
      toast.success(decision === "approve" ? "Commission approved" : "Commission rejected")
      ledger.reload()
      balances.reload()
    } catch (err) {
      toast.error(`Could not ${decision} the commission`, { description: errorMessage(err) })
    }
  }

  const exportLedger = () => {
    const rows = [
      ["id", "created_at", "promoter", "kind", "order_id", "level", "status", "currency_code", "amount"],
      ...(ledger.data?.commissions ?? []).map((e) => [
        e.id,
        e.created_at,
        nameOf(e),
        e.kind,
        e.order_id ?? "",
        e.level ?? "",
        e.status,
        e.currency_code,
        String(e.amount),
      ]),
    ]
    const cell = (v: unknown) => {
      const s = String(v)
      return /[",\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
    }
    downloadText("commissions.csv", rows.map((r) => r.map(cell).join(",")).join("\n") + "\n")
  }

  const count = ledger.data?.count ?? 0
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading>Commissions</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              The ledger: every commission, reversal and bonus. Approve or reject pending entries; approved ones go into payouts.
            </Text>
          </div>
          <Button size="small" variant="secondary" onClick={exportLedger} disabled={!ledger.data?.commissions.length}>
            <ArrowDownTray /> Export CSV
          </Button>
        </div>
        <div className="flex flex-wrap items-center gap-2 px-6 py-3">
          <PromoterFilter value={promoterId} onChange={(v) => setFilter("promoter_id", v)} />
          <NativeSelect
            label="Status"
            value={status}
            onChange={(v) => setFilter("status", v)}
            options={[{ value: "", label: "All statuses" }, ...["pending", "approved", "rejected", "paid"].map((s) => ({ value: s, label: s }))]}
          />
        </div>
        <Loadable state={ledger} empty={(d) => (d.commissions.length ? null : <Empty title="No entries match">Orders credited to promoters create entries here.</Empty>)}>
          {(d) => (
            <>
              <SimpleTable
                rows={d.commissions}
                rowKey={(e) => e.id}
                rowProps={() => ({ "data-testid": "ledger-row" })}
                columns={[
                  { key: "date", header: "Date", cell: (e) => formatDate(e.created_at) },
                  { key: "promoter", header: "Promoter", cell: (e) => <Link to={`/promoters/${e.promoter_id}`}>{nameOf(e)}</Link> },
                  { key: "kind", header: "Kind", cell: (e) => e.kind },
                  { key: "order", header: "Order", cell: (e) => (e.order_id ? <Link to={`/orders/${e.order_id}`}>{e.order_id.slice(-8)}</Link> : e.note ?? "–") },
                  { key: "level", header: "Level", cell: (e) => e.level ?? "–" },
                  {
                    key: "status",
                    header: "Status",
                    cell: (e) => (
                      <span data-testid="entry-status" className="flex items-center gap-x-1">
                        <StatusBadge color={STATUS_COLOR[e.status]}>{e.status}</StatusBadge>
                        {e.status === "pending" && e.hold_reason ? <StatusBadge color="red">{`review: ${e.hold_reason.replace(/_/g, " ")}`}</StatusBadge> : null}
                      </span>
                    ),
                  },
                  { key: "amount", header: "Amount", align: "right", cell: (e) => formatMoney(e.amount, e.currency_code) },
                  {
                    key: "actions",
                    // body-only class: the header cell above the buttons stays empty and plain
                    className: "text-right",
                    cell: (e) =>
                      e.status === "pending" ? (
                        <span className="flex justify-end gap-x-1">
                          <Button size="small" variant="secondary" onClick={() => decide(e, "approve")}>
                            Approve
                          </Button>
                          <Button size="small" variant="transparent" onClick={() => decide(e, "reject")}>
                            Reject
                          </Button>
                        </span>
                      ) : null,
                  },
                ]}
              />
              <Pager count={count} pageSize={PAGE_SIZE} page={page} setPage={setPage} />
            </>
          )}
        </Loadable>
      </Container>
      <Container className="p-0">
        <Section title="Balances">
          <Loadable state={balances} empty={(d) => (d.balances.length ? null : <Empty title="No balances yet" />)}>
            {(d) => (
              <SimpleTable
                rows={d.balances}
                rowKey={(b) => `${b.promoter_id}-${b.currency_code}`}
                columns={[
                  { key: "promoter", header: "Promoter", cell: (b) => b.promoter?.name ?? b.promoter_id },
                  { key: "pending", header: "Pending", align: "right", cell: (b) => formatMoney(b.pending, b.currency_code) },
                  { key: "approved", header: "Approved (payable)", align: "right", cell: (b) => formatMoney(b.approved, b.currency_code) },
                  { key: "paid", header: "Paid", align: "right", cell: (b) => formatMoney(b.paid, b.currency_code) },
                ]}
              />
            )}
          </Loadable>
        </Section>
      </Container>
      <PayoutRequestsSection onChange={() => (payouts.reload(), ledger.reload(), balances.reload())} />
      <PayoutsSection payouts={payouts} onChange={() => (payouts.reload(), ledger.reload(), balances.reload())} />
      <ReconcileSection />
    </div>
  )
}

type Difference = { cause: string; order_id?: string; promoter_id?: string; level?: number | null; payout_id?: string; entry_id?: string; currency_code?: string; expected: string; actual: string }

/** The reconciliation report: what each order of the last 90 days should have paid against the ledger, and the payouts. */
const ReconcileSection = () => {
  const [report, setReport] = useState<{ orders_checked: number; differences: Difference[] } | null>(null)
  const { busy, run } = useAction()
  const check = () => run("Could not reconcile the ledger", async () => setReport(await api("/admin/commissions/reconcile")))
  return (
    <Container className="p-0">
      <Section
        title="Reconciliation"
        actions={
          <Button size="small" variant="secondary" isLoading={busy} onClick={check} data-testid="reconcile">
            Reconcile last 90 days
          </Button>
        }
      >
        {report === null ? (
          <Text size="small" className="text-ui-fg-subtle px-6 py-4">
            Recomputes what every attributed order should have paid from the order as it stands now, and checks every payout against its entries.
          </Text>
        ) : report.differences.length === 0 ? (
          <Text size="small" className="px-6 py-4" data-testid="reconcile-clean">
            {`${report.orders_checked} orders checked: no differences.`}
          </Text>
        ) : (
          <SimpleTable
            rows={report.differences}
            rowKey={(d) => `${d.cause}-${d.entry_id ?? d.payout_id ?? d.order_id ?? ""}`}
            columns={[
              { key: "cause", header: "Cause", cell: (d) => d.cause.replace(/_/g, " ") },
              { key: "where", header: "Where", cell: (d) => (d.order_id ? <Link to={`/orders/${d.order_id}`}>{d.order_id.slice(-8)}</Link> : d.payout_id ?? "–") },
              { key: "level", header: "Level", cell: (d) => d.level ?? "–" },
              { key: "expected", header: "Expected", align: "right", cell: (d) => d.expected },
              { key: "actual", header: "Actual", align: "right", cell: (d) => d.actual },
            ]}
          />
        )}
      </Section>
    </Container>
  )
}

const PayoutsSection = ({
  payouts,
  onChange,
}: {
  payouts: { data?: { payouts: Payout[] }; error?: unknown; loading: boolean; reload: () => void }
  onChange: () => void
}) => {
  const [currency, setCurrency] = useState("usd")
  const [minimum, setMinimum] = useState("")
  const { busy, run } = useAction()
  const create = async (e: React.FormEvent) => {
    e.preventDefault()
    await run("No payout batch created", async () => {
      const { payout } = await api<{ payout: Payout }>("/admin/payouts", {
        method: "POST",
        body: { currency_code: currency, ...(minimum ? { minimum } : {}) },
      })
      toast.success("Payout batch created", { description: `${payout.lines.list?.length ?? 0} promoters, ${formatMoney(payout.total, payout.currency_code)}` })
      onChange()
    })
  }
  return (
    <Container className="p-0">
      <Section title="Payouts">
        <form onSubmit={create} className="flex flex-wrap items-end gap-2 px-6 py-4" aria-label="Create a payout batch">
          <Field label="Currency" id="payout-currency">
            <Input id="payout-currency" size="small" value={currency} onChange={(e) => setCurrency(e.target.value)} maxLength={3} required />
          </Field>
          <Field label="Minimum per promoter (optional)" id="payout-minimum">
            <Input id="payout-minimum" size="small" value={minimum} onChange={(e) => setMinimum(e.target.value)} placeholder="plan default" />
          </Field>
          <Button size="small" type="submit" variant="secondary" isLoading={busy}>
            Create payout batch
          </Button>
        </form>
        <Loadable state={payouts} empty={(d) => (d.payouts.length ? null : <Empty title="No payouts yet">A batch gathers the approved balances.</Empty>)}>
          {(d) => (
            <SimpleTable
              rows={d.payouts}
              rowKey={(p) => p.id}
              rowProps={(p) => ({ "data-testid": "payout-row", "data-payout-id": p.id })}
              columns={[
                { key: "created", header: "Created", cell: (p) => formatDate(p.created_at) },
                { key: "promoters", header: "Promoters", cell: (p) => (p.lines.list ?? []).map((l) => l.promoter?.name ?? l.promoter_id).join(", ") },
                { key: "provider", header: "Provider", cell: (p) => p.provider_id },
                {
                  key: "status",
                  header: "Status",
                  cell: (p) => (
                    <span className="flex flex-col gap-y-1">
                      <StatusBadge color={STATUS_COLOR[p.status]}>{p.status === "paid" ? `paid ${formatDate(p.paid_at)}` : p.status.replace(/_/g, " ")}</StatusBadge>
                      {p.error ? <span className="txt-compact-xsmall text-ui-fg-error">{p.error}</span> : null}
                      <PayoutLineStates payout={p} />
                    </span>
                  ),
                },
                { key: "total", header: "Total", align: "right", cell: (p) => formatMoney(p.total, p.currency_code) },
                {
                  key: "actions",
                  className: "text-right",
                  cell: (p) => (
                    <span className="flex justify-end gap-x-1">
                      <a href={`/admin/payouts/${p.id}/export`} download className="text-ui-fg-interactive txt-compact-small flex items-center gap-x-1 px-2">
                        <ArrowDownTray /> CSV
                      </a>
                      {p.provider_id === "manual" && (p.status === "draft" || p.status === "processing") ? <MarkPaid payout={p} onDone={onChange} /> : null}
                      {p.provider_id !== "manual" && (p.status === "draft" || p.status === "processing") ? <ExecutePayout payout={p} onDone={onChange} /> : null}
                    </span>
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

/** Each line's state at the provider with its reference, and the refused lines with their errors. */
const PayoutLineStates = ({ payout }: { payout: Payout }) => {
  const lines = [...(payout.lines.list ?? []), ...(payout.lines.failed ?? [])].filter((l) => l.status && l.status !== "draft")
  if (!lines.length) return null
  return (
    <ul className="txt-compact-xsmall text-ui-fg-subtle" aria-label="Payout lines">
      {lines.map((l) => (
        <li key={`${l.promoter_id}:${l.status}`} data-testid="payout-line">
          {`${l.promoter?.name ?? l.promoter_id}: ${l.status}${l.reference ? ` (${l.reference})` : ""}${l.error ? ` — ${l.error}` : ""}`}
        </li>
      ))}
    </ul>
  )
}

/** Sends a payout through its provider, or retries one left processing (same idempotency keys: never paid twice). */
const ExecutePayout = ({ payout, onDone }: { payout: Payout; onDone: () => void }) => {
  const [busy, setBusy] = useState(false)
  const run = async () => {
    setBusy(true)
    try {
      const { payout: after } = await api<{ payout: Payout }>(`/admin/payouts/${payout.id}/execute`, { method: "POST", body: {} })
      toast.success(`Payout ${after.status.replace(/_/g, " ")}`)
      onDone()
    } catch (err) {
      toast.error("Could not send the payout", { description: errorMessage(err) })
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button size="small" variant="secondary" onClick={run} isLoading={busy}>
      {payout.status === "draft" ? `Send via ${payout.provider_id}` : "Retry"}
    </Button>
  )
}

/** Marks a payout paid, asking for the payment's reference (bank transfer id) in a dialog. */
const MarkPaid = ({ payout, onDone }: { payout: Payout; onDone: () => void }) => {
  const [open, setOpen] = useState(false)
  const [reference, setReference] = useState("")
  const confirm = async () => {
    try {
      await api(`/admin/payouts/${payout.id}/mark-paid`, { method: "POST", body: reference ? { reference } : {} })
      toast.success("Payout marked paid")
      setOpen(false)
      onDone()
    } catch (err) {
      toast.error("Could not mark the payout paid", { description: errorMessage(err) })
    }
  }
  return (
    <Prompt open={open} onOpenChange={setOpen}>
      <Prompt.Trigger asChild>
        <Button size="small" variant="secondary">
          Mark paid
        </Button>
      </Prompt.Trigger>
      <Prompt.Content>
        <Prompt.Header>
          <Prompt.Title>Mark this payout paid?</Prompt.Title>
          <Prompt.Description>
            {formatMoney(payout.total, payout.currency_code)} to {payout.lines.list?.length ?? 0} promoter(s). Their entries become paid.
          </Prompt.Description>
        </Prompt.Header>
        <div className="px-6 pb-4">
          <Field label="Payment reference (optional)" id={`payout-ref-${payout.id}`}>
            <Input id={`payout-ref-${payout.id}`} size="small" value={reference} onChange={(e) => setReference(e.target.value)} placeholder="bank transfer id" />
          </Field>
        </div>
        <Prompt.Footer>
          <Prompt.Cancel>Cancel</Prompt.Cancel>
          <Prompt.Action onClick={confirm}>Mark paid</Prompt.Action>
        </Prompt.Footer>
      </Prompt.Content>
    </Prompt>
  )
}

export const config = defineRouteConfig({ label: "Commissions", icon: CurrencyDollar })
export default CommissionsPage
