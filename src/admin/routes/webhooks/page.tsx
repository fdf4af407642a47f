import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Bolt } from "@medusajs/icons"
import { Button, Container, Copy, Heading, Input, StatusBadge, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { SimpleTable } from "../../components/simple-table"
import { Empty, Field, Loadable, NativeSelect, Pager, Section } from "../../components/states"
import { api, formatDate, useAction, useApi } from "../../lib/api"
import { WEBHOOK_EVENTS } from "../../../lib/webhooks/events"

type Endpoint = {
  id: string
  url: string
  description: string | null
  events: string[]
  status: "active" | "disabled"
  consecutive_failures: number
  disabled_reason: string | null
  previous_secret_expires_at: string | null
  created_at: string
}

type Delivery = {
  id: string
  event_name: string
  webhook_id: string
  status: "pending" | "succeeded" | "failed"
  attempts: number
  next_attempt_at: string | null
  last_status_code: number | null
  last_error: string | null
  created_at: string
}

const DELIVERY_COLOR = { pending: "orange", succeeded: "green", failed: "red" } as const
const PAGE_SIZE = 20

/** A secret in the one answer that carries it: shown until dismissed, with a copy button. */
const SecretNotice = ({ secret, onDone }: { secret: string; onDone: () => void }) => (
  <div className="bg-ui-bg-subtle flex flex-col gap-y-2 px-6 py-4" data-testid="webhook-secret-notice">
    <Text size="small" weight="plus">
      Signing secret — copy it now, it is not shown again
    </Text>
    <div className="flex items-center gap-x-2">
      <code className="txt-compact-small break-all" data-testid="webhook-secret">
        {secret}
      </code>
      <Copy content={secret} />
    </div>
    <div>
      <Button size="small" variant="secondary" onClick={onDone}>
        Done
      </Button>
    </div>
  </div>
)

const CreateEndpoint = ({ onCreated }: { onCreated: (secret: string) => void }) => {
  const [url, setUrl] = useState("")
  const [description, setDescription] = useState("")
  const [event, setEvent] = useState("*")
  const { busy, run } = useAction()
  const create = () =>
    run("Could not create the endpoint", async () => {
      const { secret } = await api<{ secret: string }>("/admin/promoter-webhooks", {
        method: "POST",
        body: { url: url.trim(), events: [event], ...(description.trim() ? { description: description.trim() } : {}) },
      })
      setUrl("")
      setDescription("")
      onCreated(secret)
      toast.success("Endpoint created")
    })
  return (
    <div className="flex flex-wrap items-end gap-2 px-6 py-4">
      <Field label="Endpoint URL" id="webhook-url">
        <Input id="webhook-url" size="small" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/hooks" className="w-72" />
      </Field>
      <Field label="Description" id="webhook-description">
        <Input id="webhook-description" size="small" value={description} onChange={(e) => setDescription(e.target.value)} className="w-48" />
      </Field>
      <NativeSelect
        label="Events"
        value={event}
        onChange={setEvent}
        options={[{ value: "*", label: "All events" }, ...WEBHOOK_EVENTS.map((e) => ({ value: e, label: e }))]}
      />
      <Button size="small" onClick={create} isLoading={busy} disabled={!url.trim()}>
        Add endpoint
      </Button>
    </div>
  )
}

const Deliveries = ({ endpoint }: { endpoint: Endpoint }) => {
  const [status, setStatus] = useState("")
  const [page, setPage] = useState(0)
  const deliveries = useApi<{ deliveries: Delivery[]; count: number }>(`/admin/promoter-webhooks/${endpoint.id}/deliveries`, {
    status,
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  })
  const { run } = useAction()
  const redeliver = (d: Delivery) =>
    run("Could not redeliver", async () => {
      await api(`/admin/promoter-webhook-deliveries/${d.id}/redeliver`, { method: "POST" })
      toast.success("Redelivery scheduled: the worker sends it within a minute")
      deliveries.reload()
    })
  return (
    <Section
      title={`Deliveries to ${endpoint.url}`}
      actions={
        <span className="flex items-center gap-x-2">
          <NativeSelect
            label="Delivery status"
            value={status}
            onChange={(v) => (setStatus(v), setPage(0))}
            options={[{ value: "", label: "All statuses" }, ...["pending", "succeeded", "failed"].map((s) => ({ value: s, label: s }))]}
          />
          <Button size="small" variant="secondary" onClick={deliveries.reload}>
            Refresh
          </Button>
        </span>
      }
    >
      <Loadable state={deliveries} empty={(d) => (d.deliveries.length ? null : <Empty title="No deliveries yet">Each of the plugin's events this endpoint listens to is delivered here.</Empty>)}>
        {(d) => (
          <>
            <SimpleTable
              rows={d.deliveries}
              rowKey={(x) => x.id}
              rowProps={() => ({ "data-testid": "webhook-delivery-row" })}
              columns={[
                { key: "date", header: "Created", cell: (x) => formatDate(x.created_at, true) },
                { key: "event", header: "Event", cell: (x) => x.event_name },
                { key: "status", header: "Status", cell: (x) => <StatusBadge color={DELIVERY_COLOR[x.status]}>{x.status}</StatusBadge> },
                { key: "attempts", header: "Attempts", align: "right", cell: (x) => x.attempts },
                {
                  key: "code",
                  header: "Last answer",
                  cell: (x) => <span data-testid="webhook-delivery-code">{x.last_status_code ?? (x.last_error ? x.last_error.slice(0, 60) : "–")}</span>,
                },
                { key: "next", header: "Next attempt", cell: (x) => (x.status === "pending" && x.next_attempt_at ? formatDate(x.next_attempt_at, true) : "–") },
                {
                  key: "actions",
                  className: "text-right",
                  cell: (x) => (
                    <Button size="small" variant="secondary" onClick={() => redeliver(x)} disabled={endpoint.status !== "active"}>
                      Redeliver
                    </Button>
                  ),
                },
              ]}
            />
            <Pager count={d.count} pageSize={PAGE_SIZE} page={page} setPage={setPage} />
          </>
        )}
      </Loadable>
    </Section>
  )
}

const WebhooksPage = () => {
  const endpoints = useApi<{ webhook_endpoints: Endpoint[] }>("/admin/promoter-webhooks")
  const [secret, setSecret] = useState<string | null>(null)
  const [selected, setSelected] = useState<string | null>(null)
  const { run } = useAction()
  const prompt = usePrompt()

  const change = (e: Endpoint, body: Record<string, unknown>, done: string) =>
    run("Could not change the endpoint", async () => {
      await api(`/admin/promoter-webhooks/${e.id}`, { method: "POST", body })
      toast.success(done)
      endpoints.reload()
    })
  const rotate = async (e: Endpoint) => {
    const ok = await prompt({
      title: "Rotate the signing secret?",
      description: "A new secret is shown once. The current one keeps signing next to it for the grace period, so receivers can switch.",
      confirmText: "Rotate",
      cancelText: "Cancel",
    })
    if (!ok) return
    await run("Could not rotate the secret", async () => {
      const { secret } = await api<{ secret: string }>(`/admin/promoter-webhooks/${e.id}/rotate-secret`, { method: "POST" })
      setSecret(secret)
      endpoints.reload()
    })
  }
  const remove = async (e: Endpoint) => {
    const ok = await prompt({ title: "Delete this endpoint?", description: `${e.url} gets no more deliveries.`, confirmText: "Delete", cancelText: "Cancel" })
    if (!ok) return
    await run("Could not delete the endpoint", async () => {
      await api(`/admin/promoter-webhooks/${e.id}`, { method: "DELETE" })
      if (selected === e.id) setSelected(null)
      endpoints.reload()
    })
  }
  const shown = endpoints.data?.webhook_endpoints.find((e) => e.id === selected)

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="px-6 py-4">
          <Heading>Webhooks</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            The plugin's events POSTed to your URLs, signed per Standard Webhooks, retried for about a day. An endpoint that keeps failing is disabled.
          </Text>
        </div>
        <CreateEndpoint onCreated={(created) => (setSecret(created), endpoints.reload())} />
        {secret ? <SecretNotice secret={secret} onDone={() => setSecret(null)} /> : null}
        <Loadable state={endpoints} empty={(d) => (d.webhook_endpoints.length ? null : <Empty title="No endpoints yet">Add a URL to receive the plugin's events.</Empty>)}>
          {(d) => (
            <SimpleTable
              rows={d.webhook_endpoints}
              rowKey={(e) => e.id}
              rowProps={() => ({ "data-testid": "webhook-endpoint-row" })}
              columns={[
                { key: "url", header: "URL", cell: (e) => <span title={e.description ?? undefined}>{e.url}</span> },
                { key: "events", header: "Events", cell: (e) => (e.events.includes("*") ? "All events" : e.events.join(", ")) },
                {
                  key: "status",
                  header: "Status",
                  cell: (e) => (
                    <span className="flex flex-col">
                      <StatusBadge color={e.status === "active" ? "green" : "red"}>{e.status}</StatusBadge>
                      {e.disabled_reason ? <Text size="xsmall" className="text-ui-fg-subtle">{e.disabled_reason}</Text> : null}
                    </span>
                  ),
                },
                { key: "failures", header: "Failed in a row", align: "right", cell: (e) => e.consecutive_failures },
                {
                  key: "actions",
                  className: "text-right",
                  cell: (e) => (
                    <span className="flex justify-end gap-x-1">
                      <Button size="small" variant="secondary" onClick={() => setSelected(e.id)}>
                        Deliveries
                      </Button>
                      {e.status === "active" ? (
                        <Button size="small" variant="transparent" onClick={() => change(e, { status: "disabled" }, "Endpoint disabled")}>
                          Disable
                        </Button>
                      ) : (
                        <Button size="small" variant="transparent" onClick={() => change(e, { status: "active" }, "Endpoint enabled")}>
                          Enable
                        </Button>
                      )}
                      <Button size="small" variant="transparent" onClick={() => rotate(e)}>
                        Rotate secret
                      </Button>
                      <Button size="small" variant="transparent" onClick={() => remove(e)}>
                        Delete
                      </Button>
                    </span>
                  ),
                },
              ]}
            />
          )}
        </Loadable>
      </Container>
      {shown ? (
        <Container className="p-0">
          <Deliveries key={shown.id} endpoint={shown} />
        </Container>
      ) : null}
    </div>
  )
}

export const config = defineRouteConfig({ label: "Webhooks", icon: Bolt })
export default WebhooksPage
