import { defineRouteConfig } from "@medusajs/admin-sdk"
import { ShieldCheck } from "@medusajs/icons"
import { Badge, Button, Checkbox, Container, Heading, Input, StatusBadge, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { SimpleTable } from "../../components/simple-table"
import { Empty, Loadable, NativeSelect, Pager } from "../../components/states"
import { api, errorMessage, formatDate, formatMoney, useApi } from "../../lib/api"

const PAGE_SIZE = 50

type Signal = { code: string; weight: number; evidence: Record<string, unknown> }
type HeldEntry = { id: string; promoter_id: string; level: number | null; amount: string; currency_code: string; status: string; hold_reason: string | null; promoter: { name: string } | null }
type Assessment = {
  id: string
  order_id: string | null
  promoter_id: string
  score: number
  signals: Signal[]
  review: "clear" | "pending" | "approved" | "rejected"
  note: string | null
  decided_at: string | null
  created_at: string
  promoter: { name: string; referral_code: string } | null
  held: { currency_code: string; amount: string }[]
  entries: HeldEntry[]
}

const SIGNAL_LABEL: Record<string, string> = {
  self_purchase: "Self-purchase",
  shared_ip: "IP shared with the promoter",
  shared_address: "Address shared by many customers",
  coupon_leak: "Coupon leak",
  click_spam: "Click spam",
  refund_rate: "High cancel/refund rate",
  new_accounts: "Brand-new accounts",
}

const REVIEW_COLOR = { clear: "grey", pending: "orange", approved: "green", rejected: "red" } as const

/** The evidence of a signal as text: "customers_at_address 3 · threshold 3". */
const evidenceText = (s: Signal) =>
  Object.entries(s.evidence)
    .map(([k, v]) => `${k.replace(/_/g, " ")} ${Array.isArray(v) ? v.length : String(v)}`)
    .join(" · ")

const FraudReviewPage = () => {
  const [review, setReview] = useState("pending")
  const [page, setPage] = useState(0)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [note, setNote] = useState("")
  const queue = useApi<{ assessments: Assessment[]; count: number }>("/admin/promoter-risk", { review, limit: PAGE_SIZE, offset: page * PAGE_SIZE })

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  const decide = async (ids: string[], decision: "approved" | "rejected") => {
    try {
      const body = { ids, decision, note: note.trim() || null }
      const { decided, refused } = await api<{ decided: string[]; refused: { id: string; message: string }[] }>("/admin/promoter-risk/decide", { method: "POST", body })
      if (decided.length) toast.success(`${decided.length} ${decision === "approved" ? "approved" : "rejected"}`)
      for (const r of refused) toast.error("Not decided", { description: r.message })
      setSelected(new Set())
      setNote("")
      queue.reload()
    } catch (err) {
      toast.error("Could not decide", { description: errorMessage(err) })
    }
  }

  // Summed exactly by the server: money is never added up in floats here.
  const held = (a: Assessment) => a.held.map((m) => formatMoney(m.amount, m.currency_code)).join(", ") || "–"

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading>Fraud review</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Orders a risk signal flagged: their commissions are held until you decide. Approve to let them take the normal hold; reject and they are never paid.
          </Text>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2 px-6 py-3">
        <NativeSelect
          label="Review"
          value={review}
          onChange={(v) => (setReview(v), setPage(0), setSelected(new Set()))}
          options={["pending", "approved", "rejected", "clear", "all"].map((r) => ({ value: r, label: r }))}
        />
        <Input size="small" placeholder="Note for the decision" aria-label="Note" value={note} onChange={(e) => setNote(e.target.value)} className="w-64" />
        <Button size="small" variant="secondary" disabled={!selected.size} onClick={() => decide([...selected], "approved")}>
          Approve selected
        </Button>
        <Button size="small" variant="danger" disabled={!selected.size} onClick={() => decide([...selected], "rejected")}>
          Reject selected
        </Button>
      </div>
      <Loadable state={queue} empty={(d) => (d.assessments.length ? null : <Empty title="Nothing to review">Flagged orders appear here with their evidence.</Empty>)}>
        {(d) => (
          <>
            <SimpleTable
              rows={d.assessments}
              rowKey={(a) => a.id}
              rowProps={(a) => ({ "data-testid": "risk-row", "data-assessment-id": a.id })}
              columns={[
                {
                  key: "pick",
                  cell: (a) =>
                    a.review === "pending" ? <Checkbox aria-label="Select" checked={selected.has(a.id)} onCheckedChange={() => toggle(a.id)} /> : null,
                },
                { key: "date", header: "Date", cell: (a) => formatDate(a.created_at) },
                { key: "promoter", header: "Promoter", cell: (a) => <Link to={`/promoters/${a.promoter_id}`}>{a.promoter?.name ?? a.promoter_id}</Link> },
                { key: "order", header: "Order", cell: (a) => (a.order_id ? <Link to={`/orders/${a.order_id}`}>{a.order_id.slice(-8)}</Link> : "–") },
                {
                  key: "signals",
                  header: "Signals and evidence",
                  cell: (a) => (
                    <div className="flex flex-col gap-y-1" data-testid="risk-signals">
                      {a.signals.map((s) => (
                        <span key={s.code} className="flex flex-wrap items-center gap-x-2">
                          <Badge size="2xsmall" color="red">
                            {SIGNAL_LABEL[s.code] ?? s.code}
                          </Badge>
                          <Text size="xsmall" className="text-ui-fg-subtle">
                            {evidenceText(s)}
                          </Text>
                        </span>
                      ))}
                    </div>
                  ),
                },
                { key: "score", header: "Score", align: "right", cell: (a) => a.score.toFixed(1) },
                { key: "held", header: "Held", align: "right", cell: held },
                {
                  key: "review",
                  header: "Review",
                  cell: (a) => (
                    <span title={a.note ?? undefined} data-testid="risk-review">
                      <StatusBadge color={REVIEW_COLOR[a.review]}>{a.review}</StatusBadge>
                    </span>
                  ),
                },
                {
                  key: "actions",
                  className: "text-right",
                  cell: (a) =>
                    a.review === "pending" ? (
                      <span className="flex justify-end gap-x-1">
                        <Button size="small" variant="secondary" onClick={() => decide([a.id], "approved")}>
                          Approve
                        </Button>
                        <Button size="small" variant="transparent" onClick={() => decide([a.id], "rejected")}>
                          Reject
                        </Button>
                      </span>
                    ) : null,
                },
              ]}
            />
            <Pager count={d.count} pageSize={PAGE_SIZE} page={page} setPage={setPage} />
          </>
        )}
      </Loadable>
    </Container>
  )
}

export const config = defineRouteConfig({ label: "Fraud review", icon: ShieldCheck })
export default FraudReviewPage
