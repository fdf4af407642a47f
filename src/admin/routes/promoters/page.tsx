import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Plus, Users } from "@medusajs/icons"
import { Badge, Button, Container, Drawer, Heading, Input, StatusBadge, Text, toast } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { useNavigate } from "react-router-dom"
import { SimpleTable, TitleCell } from "../../components/simple-table"
import { Empty, Field, Loadable, NativeSelect, Pager } from "../../components/states"
import { api, errorMessage, formatMoneyList, useApi } from "../../lib/api"
import { STATUS_COLOR, type PromoterRow, type Tier } from "../../lib/types"

const PAGE_SIZE = 20
const STATUSES = ["pending", "active", "suspended", "terminated"] as const

function useDebounced<T>(value: T, ms = 300) {
  const [v, setV] = useState(value)
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms)
    return () => clearTimeout(t)
  }, [value, ms])
  return v
}

const PromotersPage = () => {
  const navigate = useNavigate()
  const [search, setSearch] = useState("")
  const [status, setStatus] = useState("")
  const [tier, setTier] = useState("")
  const [page, setPage] = useState(0)
  const q = useDebounced(search)
  useEffect(() => setPage(0), [q, status, tier])
  const tiers = useApi<{ tiers: Tier[] }>("/admin/promoter-tiers")
  const list = useApi<{ promoters: PromoterRow[]; count: number }>("/admin/promoters", {
    q,
    status,
    tier_id: tier,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  })
  const count = list.data?.count ?? 0

  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading>Promoters</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Referral codes, links, coupons, results and commissions of every promoter.
          </Text>
        </div>
        <CreatePromoter tiers={tiers.data?.tiers ?? []} onCreated={(id) => navigate(`/promoters/${id}`)} />
      </div>
      <div className="flex flex-wrap items-center gap-2 px-6 py-3">
        <Input
          type="search"
          size="small"
          placeholder="Search name, e-mail or code"
          aria-label="Search promoters"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          className="w-64"
        />
        <NativeSelect
          label="Status"
          value={status}
          onChange={setStatus}
          options={[{ value: "", label: "All statuses" }, ...STATUSES.map((s) => ({ value: s, label: s }))]}
        />
        <NativeSelect
          label="Tier"
          value={tier}
          onChange={setTier}
          options={[{ value: "", label: "All tiers" }, ...(tiers.data?.tiers ?? []).map((t) => ({ value: t.id, label: t.name }))]}
        />
      </div>
      <Loadable
        state={list}
        empty={(d) =>
          d.promoters.length ? null : (
            <Empty title={q || status || tier ? "No promoter matches these filters" : "No promoters yet"}>
              {q || status || tier ? "Change the search or the filters." : "Create the first one with “Create promoter”."}
            </Empty>
          )
        }
      >
        {(d) => (
          <>
            <SimpleTable
              rows={d.promoters}
              rowKey={(p) => p.id}
              rowProps={(p) => ({ "data-testid": `promoter-row-${p.referral_code}` })}
              onRowClick={(p) => navigate(`/promoters/${p.id}`)}
              columns={[
                {
                  key: "promoter",
                  header: "Promoter",
                  cell: (p) => <TitleCell title={p.name} detail={p.email} />,
                },
                { key: "code", header: "Code", cell: (p) => <Badge size="2xsmall">{p.referral_code}</Badge> },
                { key: "status", header: "Status", cell: (p) => <StatusBadge color={STATUS_COLOR[p.status]}>{p.status}</StatusBadge> },
                { key: "tier", header: "Tier", cell: (p) => p.tier?.name ?? "–" },
                { key: "sponsor", header: "Sponsor", cell: (p) => (p.sponsor ? `${p.sponsor.name} (${p.sponsor.referral_code})` : "–") },
                { key: "clicks", header: "Clicks", align: "right", cell: (p) => p.totals?.clicks ?? 0 },
                { key: "conversions", header: "Conversions", align: "right", cell: (p) => p.totals?.conversions ?? 0 },
                {
                  key: "income",
                  header: "Income",
                  align: "right",
                  cell: (p) =>
                    formatMoneyList(
                      (p.income ?? []).map((i) => ({
                        currency_code: i.currency_code,
                        amount: String(Number(i.pending) + Number(i.approved) + Number(i.paid)),
                      }))
                    ),
                },
              ]}
            />
            <Pager count={count} pageSize={PAGE_SIZE} page={page} setPage={setPage} />
          </>
        )}
      </Loadable>
    </Container>
  )
}

const CreatePromoter = ({ tiers, onCreated }: { tiers: Tier[]; onCreated: (id: string) => void }) => {
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState({ name: "", email: "", sponsor_code: "", referral_code: "", tier_id: "", status: "active" })
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }))
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setSaving(true)
    setError(null)
    try {
      const body = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ""))
      const { promoter } = await api<{ promoter: { id: string; referral_code: string } }>("/admin/promoters", { method: "POST", body })
      toast.success("Promoter created", { description: `Referral code ${promoter.referral_code}` })
      setOpen(false)
      onCreated(promoter.id)
    } catch (err) {
      setError(errorMessage(err))
      toast.error("Could not create the promoter", { description: errorMessage(err) })
    } finally {
      setSaving(false)
    }
  }
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          <Plus /> Create promoter
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <form onSubmit={submit} className="flex h-full flex-col">
          <Drawer.Header>
            <Drawer.Title>Create promoter</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4">
            <Field label="Name" id="promoter-name">
              <Input id="promoter-name" value={form.name} onChange={(e) => set("name")(e.target.value)} required />
            </Field>
            <Field label="E-mail" id="promoter-email">
              <Input id="promoter-email" type="email" value={form.email} onChange={(e) => set("email")(e.target.value)} required />
            </Field>
            <Field label="Sponsor's referral code (optional)" id="promoter-sponsor">
              <Input id="promoter-sponsor" value={form.sponsor_code} onChange={(e) => set("sponsor_code")(e.target.value)} />
            </Field>
            <Field label="Referral code (optional; generated when empty)" id="promoter-code">
              <Input id="promoter-code" value={form.referral_code} onChange={(e) => set("referral_code")(e.target.value)} />
            </Field>
            <div className="flex gap-x-2">
              <NativeSelect
                label="Tier"
                value={form.tier_id}
                onChange={set("tier_id")}
                options={[{ value: "", label: "No tier" }, ...tiers.map((t) => ({ value: t.id, label: t.name }))]}
              />
              <NativeSelect
                label="Status"
                value={form.status}
                onChange={set("status")}
                options={STATUSES.map((s) => ({ value: s, label: s }))}
              />
            </div>
            {error ? (
              <Text size="small" className="text-ui-fg-error" role="alert">
                {error}
              </Text>
            ) : null}
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={saving}>
              Create
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

export const config = defineRouteConfig({ label: "Promoters", icon: Users })
export default PromotersPage
