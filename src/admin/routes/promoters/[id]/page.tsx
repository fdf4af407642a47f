import { ArrowDownTray, Trash } from "@medusajs/icons"
import { Badge, Button, Container, Copy, Drawer, Heading, IconButton, Input, StatusBadge, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { ChannelChart } from "../../../components/channel-chart"
import { SimpleTable } from "../../../components/simple-table"
import { Empty, Field, Loadable, NativeSelect, Section, Stat } from "../../../components/states"
import { api, errorMessage, formatDate, formatMoney, formatMoneyList, useAction, useApi } from "../../../lib/api"
import { STATUS_COLOR, type Coupon, type Entry, type Payout, type PromoterDetail, type Stats, type Tier } from "../../../lib/types"

type TreeNode = { id: string; name: string; referral_code: string; status: string; sponsor_id: string; level: number }

const PromoterPage = () => {
  const { id } = useParams()
  const promoter = useApi<{ promoter: PromoterDetail }>(`/admin/promoters/${id}`)
  return (
    <div className="flex flex-col gap-y-3">
      <Loadable state={promoter}>{(d) => <Profile promoter={d.promoter} onSaved={promoter.reload} />}</Loadable>
      <StatsSection id={id!} />
      <Loadable state={promoter}>
        {(d) => (
          <>
            <LinksSection promoter={d.promoter} onChange={promoter.reload} />
            <CouponsSection promoterId={d.promoter.id} />
          </>
        )}
      </Loadable>
      <DownlineSection id={id!} />
      <CommissionsSection id={id!} />
    </div>
  )
}

const Profile = ({ promoter, onSaved }: { promoter: PromoterDetail; onSaved: () => void }) => (
  <Container className="divide-y p-0">
    <div className="flex items-center justify-between px-6 py-4">
      <div className="flex flex-col gap-y-1">
        <div className="flex items-center gap-x-2">
          <Heading>{promoter.name}</Heading>
          <StatusBadge color={STATUS_COLOR[promoter.status]}>{promoter.status}</StatusBadge>
        </div>
        <Text size="small" className="text-ui-fg-subtle">
          {promoter.email}
        </Text>
      </div>
      <EditPromoter promoter={promoter} onSaved={onSaved} />
    </div>
    <dl className="grid grid-cols-2 gap-4 px-6 py-4 md:grid-cols-4">
      <Info label="Referral code">
        <span className="flex items-center gap-x-1">
          <Badge size="2xsmall">{promoter.referral_code}</Badge>
          <Copy content={promoter.referral_code} />
        </span>
      </Info>
      <Info label="Tier">{promoter.tier?.name ?? "No tier"}</Info>
      <Info label="Store customer">{promoter.customer?.email ?? "Not linked"}</Info>
      <Info label="Joined">{formatDate(promoter.created_at)}</Info>
    </dl>
  </Container>
)

const Info = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div className="flex flex-col gap-y-1">
    <dt>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {label}
      </Text>
    </dt>
    <dd>
      <Text size="small">{children}</Text>
    </dd>
  </div>
)

const EditPromoter = ({ promoter, onSaved }: { promoter: PromoterDetail; onSaved: () => void }) => {
  const tiers = useApi<{ tiers: Tier[] }>("/admin/promoter-tiers")
  const [open, setOpen] = useState(false)
  const [form, setForm] = useState({ name: promoter.name, email: promoter.email, status: promoter.status, tier_id: promoter.tier?.id ?? "" })
  const { busy: saving, run } = useAction()
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    await run("Could not save the promoter", async () => {
      await api(`/admin/promoters/${promoter.id}`, { method: "POST", body: { ...form, tier_id: form.tier_id || null } })
      toast.success("Promoter saved")
      setOpen(false)
      onSaved()
    })
  }
  return (
    <Drawer open={open} onOpenChange={setOpen}>
      <Drawer.Trigger asChild>
        <Button size="small" variant="secondary">
          Edit
        </Button>
      </Drawer.Trigger>
      <Drawer.Content>
        <form onSubmit={submit} className="flex h-full flex-col">
          <Drawer.Header>
            <Drawer.Title>Edit promoter</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4">
            <Field label="Name" id="edit-name">
              <Input id="edit-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
            </Field>
            <Field label="E-mail" id="edit-email">
              <Input id="edit-email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} required />
            </Field>
            <div className="flex gap-x-2">
              <NativeSelect
                label="Status"
                value={form.status}
                onChange={(v) => setForm({ ...form, status: v as PromoterDetail["status"] })}
                options={["pending", "active", "suspended", "terminated"].map((s) => ({ value: s, label: s }))}
              />
              <NativeSelect
                label="Tier"
                value={form.tier_id}
                onChange={(v) => setForm({ ...form, tier_id: v })}
                options={[{ value: "", label: "No tier" }, ...(tiers.data?.tiers ?? []).map((t) => ({ value: t.id, label: t.name }))]}
              />
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={saving}>
              Save
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

const RANGES = [
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "365", label: "Last 12 months" },
]

const StatsSection = ({ id }: { id: string }) => {
  const [days, setDays] = useState("30")
  const granularity = days === "365" ? "month" : days === "90" ? "week" : "day"
  const from = new Date(Date.now() - (Number(days) - 1) * 86_400_000).toISOString().slice(0, 10)
  const stats = useApi<{ stats: Stats }>(`/admin/promoters/${id}/stats`, { from, granularity })
  return (
    <Container className="p-0">
      <Section title="Results" actions={<NativeSelect label="Range" value={days} onChange={setDays} options={RANGES} />}>
        <Loadable state={stats}>
          {({ stats: s }) => (
            <div className="flex flex-col gap-y-4 px-6 py-4">
              <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
                <Stat label="Clicks" value={s.totals.clicks} hint={`${s.totals.unique_clicks} unique`} />
                <Stat label="Invitations" value={s.totals.invitations} />
                <Stat
                  label="Conversions"
                  value={s.totals.conversions}
                  hint={s.totals.conversion_rate === null ? undefined : `${(s.totals.conversion_rate * 100).toFixed(1)}% of unique clicks`}
                />
                <Stat label="Sales" value={formatMoneyList(s.revenue)} />
                <Stat
                  label="Income"
                  value={formatMoneyList(s.income.map((i) => ({ currency_code: i.currency_code, amount: String(Number(i.pending) + Number(i.approved) + Number(i.paid)) })))}
                  hint={s.income.map((i) => `pending ${formatMoney(i.pending, i.currency_code)} · approved ${formatMoney(i.approved, i.currency_code)} · paid ${formatMoney(i.paid, i.currency_code)}`).join("; ") || undefined}
                />
              </div>
              {s.series.length ? <ChannelChart series={s.series} /> : <Empty title="No activity in this range" />}
            </div>
          )}
        </Loadable>
      </Section>
    </Container>
  )
}

const QrPreview = ({ png, svg, label }: { png: string; svg: string; label: string }) => (
  <div className="flex items-center gap-x-3">
    <img src={`${svg}&size=128`} alt={`QR code for ${label}`} width={64} height={64} className="rounded border bg-white" />
    <div className="flex flex-col gap-y-1">
      <a href={png} download className="text-ui-fg-interactive txt-compact-xsmall flex items-center gap-x-1 hover:underline">
        <ArrowDownTray /> PNG
      </a>
      <a href={svg} download className="text-ui-fg-interactive txt-compact-xsmall flex items-center gap-x-1 hover:underline">
        <ArrowDownTray /> SVG
      </a>
    </div>
  </div>
)

const LinksSection = ({ promoter, onChange }: { promoter: PromoterDetail; onChange: () => void }) => {
  const [form, setForm] = useState({ slug: "", name: "", destination: "" })
  const { busy: saving, run } = useAction()
  const add = async (e: React.FormEvent) => {
    e.preventDefault()
    await run("Could not save the link", async () => {
      await api(`/admin/promoters/${promoter.id}/links`, { method: "POST", body: { ...form, name: form.name || undefined } })
      toast.success("Link saved")
      setForm({ slug: "", name: "", destination: "" })
      onChange()
    })
  }
  const remove = async (slug: string) => {
    try {
      await api(`/admin/promoters/${promoter.id}/links/${slug}`, { method: "DELETE" })
      toast.success("Link removed")
      onChange()
    } catch (err) {
      toast.error("Could not remove the link", { description: errorMessage(err) })
    }
  }
  return (
    <Container className="p-0">
      <Section title="Links and QR codes">
        <div className="flex flex-col divide-y">
          <LinkRow title="Main link" url={promoter.share.short_link} destination="Storefront home" qr={promoter.share} />
          {promoter.links.map((l) => (
            <LinkRow
              key={l.id}
              title={l.name}
              url={l.short_link}
              destination={l.destination_path}
              qr={l}
              onRemove={() => remove(l.slug)}
            />
          ))}
        </div>
        <form onSubmit={add} className="flex flex-wrap items-end gap-2 px-6 py-4" aria-label="Add a link">
          <Field label="Slug" id="link-slug">
            <Input id="link-slug" size="small" value={form.slug} onChange={(e) => setForm({ ...form, slug: e.target.value })} placeholder="summer" required />
          </Field>
          <Field label="Name" id="link-name">
            <Input id="link-name" size="small" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="Summer sale" />
          </Field>
          <Field label="Destination (storefront path)" id="link-destination">
            <Input
              id="link-destination"
              size="small"
              value={form.destination}
              onChange={(e) => setForm({ ...form, destination: e.target.value })}
              placeholder="/products/kettle"
              required
            />
          </Field>
          <Button size="small" variant="secondary" type="submit" isLoading={saving}>
            Add link
          </Button>
        </form>
      </Section>
    </Container>
  )
}

const LinkRow = ({
  title,
  url,
  destination,
  qr,
  onRemove,
}: {
  title: string
  url: string
  destination: string
  qr: { qr_png: string; qr_svg: string }
  onRemove?: () => void
}) => (
  <div className="flex items-center justify-between gap-x-4 px-6 py-3" data-testid="promoter-link">
    <div className="flex min-w-0 flex-col gap-y-1">
      <Text size="small" weight="plus">
        {title}
      </Text>
      <span className="flex items-center gap-x-1">
        <Text size="small" className="text-ui-fg-interactive truncate">
          {url}
        </Text>
        <Copy content={url} />
      </span>
      <Text size="xsmall" className="text-ui-fg-subtle">
        → {destination}
      </Text>
    </div>
    <div className="flex items-center gap-x-4">
      <QrPreview png={qr.qr_png} svg={qr.qr_svg} label={title} />
      {onRemove ? (
        <IconButton size="small" variant="transparent" aria-label={`Remove ${title}`} onClick={onRemove}>
          <Trash />
        </IconButton>
      ) : null}
    </div>
  </div>
)

const CouponsSection = ({ promoterId }: { promoterId: string }) => {
  const coupons = useApi<{ coupons: Coupon[] }>(`/admin/promoters/${promoterId}/coupons`)
  const [form, setForm] = useState({ code: "", type: "percentage", value: "10", currency_code: "usd" })
  const { busy: saving, run } = useAction()
  const create = async (e: React.FormEvent) => {
    e.preventDefault()
    await run("Could not create the coupon", async () => {
      const { coupon } = await api<{ coupon: Coupon }>(`/admin/promoters/${promoterId}/coupons`, {
        method: "POST",
        body: {
          type: form.type,
          value: Number(form.value),
          ...(form.code ? { code: form.code } : {}),
          ...(form.type === "fixed" ? { currency_code: form.currency_code } : {}),
        },
      })
      toast.success("Coupon created", { description: coupon.code })
      setForm({ ...form, code: "" })
      coupons.reload()
    })
  }
  return (
    <Container className="p-0">
      <Section title="Coupons">
        <Loadable state={coupons} empty={(d) => (d.coupons.length ? null : <Empty title="No coupons yet" />)}>
          {(d) => (
            <div className="flex flex-wrap gap-2 px-6 py-4">
              {d.coupons.map((c) => (
                <span key={c.id} className="flex items-center gap-x-1 rounded-md border px-2 py-1" data-testid="coupon">
                  <Text size="small" weight="plus" className="font-mono">
                    {c.code}
                  </Text>
                  <Copy content={c.code} />
                  <StatusBadge color={c.status === "active" ? "green" : "grey"}>{c.status}</StatusBadge>
                </span>
              ))}
            </div>
          )}
        </Loadable>
        <form onSubmit={create} className="flex flex-wrap items-end gap-2 px-6 py-4" aria-label="Create a coupon">
          <Field label="Code (optional)" id="coupon-code">
            <Input id="coupon-code" size="small" value={form.code} onChange={(e) => setForm({ ...form, code: e.target.value })} />
          </Field>
          <NativeSelect
            label="Discount type"
            value={form.type}
            onChange={(v) => setForm({ ...form, type: v })}
            options={[
              { value: "percentage", label: "Percentage" },
              { value: "fixed", label: "Fixed amount" },
            ]}
          />
          <Field label="Value" id="coupon-value">
            <Input id="coupon-value" size="small" type="number" min="0" step="any" value={form.value} onChange={(e) => setForm({ ...form, value: e.target.value })} required />
          </Field>
          {form.type === "fixed" ? (
            <Field label="Currency" id="coupon-currency">
              <Input id="coupon-currency" size="small" value={form.currency_code} onChange={(e) => setForm({ ...form, currency_code: e.target.value })} />
            </Field>
          ) : null}
          <Button size="small" variant="secondary" type="submit" isLoading={saving}>
            Create coupon
          </Button>
        </form>
      </Section>
    </Container>
  )
}

const DownlineSection = ({ id }: { id: string }) => {
  const downline = useApi<{ downline: TreeNode[] }>(`/admin/promoters/${id}/downline`, { depth: 5 })
  return (
    <Container className="p-0">
      <Section title="Downline">
        <Loadable state={downline} empty={(d) => (d.downline.length ? null : <Empty title="No recruits yet" />)}>
          {(d) => (
            <div className="px-6 py-4" role="tree" aria-label="Downline">
              <Tree nodes={d.downline} parent={id} />
              <Text size="xsmall" className="text-ui-fg-subtle mt-2">
                {d.downline.length} promoter{d.downline.length === 1 ? "" : "s"} in 5 levels
              </Text>
            </div>
          )}
        </Loadable>
      </Section>
    </Container>
  )
}

const Tree = ({ nodes, parent }: { nodes: TreeNode[]; parent: string }) => {
  const children = nodes.filter((n) => n.sponsor_id === parent)
  if (!children.length) return null
  return (
    <ul className="ml-3 border-l pl-3">
      {children.map((n) => (
        <li key={n.id} role="treeitem" aria-level={n.level} className="py-1">
          <Link to={`/promoters/${n.id}`} className="flex items-center gap-x-2 hover:underline">
            <Text size="small" weight="plus">
              {n.name}
            </Text>
            <Badge size="2xsmall">{n.referral_code}</Badge>
            <Text size="xsmall" className="text-ui-fg-subtle">
              level {n.level}
            </Text>
          </Link>
          <Tree nodes={nodes} parent={n.id} />
        </li>
      ))}
    </ul>
  )
}

const CommissionsSection = ({ id }: { id: string }) => {
  const entries = useApi<{ commissions: Entry[]; count: number }>("/admin/commissions", { promoter_id: id, limit: 100 })
  const payouts = useApi<{ payouts: Payout[] }>("/admin/payouts", { promoter_id: id, limit: 100 })
  const mine = (payouts.data?.payouts ?? []).flatMap((p) =>
    (p.lines?.list ?? []).filter((l) => l.promoter_id === id).map((l) => ({ ...p, amount: l.amount }))
  )
  return (
    <Container className="p-0">
      <Section title="Commissions and payouts" actions={<Link to={`/commissions?promoter_id=${id}`} className="text-ui-fg-interactive txt-compact-small">Open in ledger</Link>}>
        <Loadable state={entries} empty={(d) => (d.commissions.length ? null : <Empty title="No commissions yet" />)}>
          {(d) => (
            <SimpleTable
              rows={d.commissions}
              rowKey={(e) => e.id}
              columns={[
                { key: "date", header: "Date", cell: (e) => formatDate(e.created_at) },
                { key: "kind", header: "Kind", cell: (e) => e.kind },
                { key: "order", header: "Order", cell: (e) => (e.order_id ? <Link to={`/orders/${e.order_id}`}>{e.order_id.slice(-8)}</Link> : e.note ?? "–") },
                { key: "level", header: "Level", cell: (e) => e.level ?? "–" },
                { key: "status", header: "Status", cell: (e) => <StatusBadge color={STATUS_COLOR[e.status]}>{e.status}</StatusBadge> },
                { key: "amount", header: "Amount", align: "right", cell: (e) => formatMoney(e.amount, e.currency_code) },
              ]}
            />
          )}
        </Loadable>
        {mine.length ? (
          <div className="flex flex-col gap-y-1 px-6 py-4">
            <Text size="small" weight="plus">
              Payouts
            </Text>
            {mine.map((p) => (
              <Text key={p.id} size="small">
                {formatDate(p.created_at)} · {formatMoney(p.amount, p.currency_code)} · {p.status}
                {p.reference ? ` · ${p.reference}` : ""}
              </Text>
            ))}
          </div>
        ) : null}
      </Section>
    </Container>
  )
}

export default PromoterPage
