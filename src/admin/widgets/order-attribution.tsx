import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Badge, Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { Empty, ErrorState, Loading } from "../components/states"
import { formatDate, formatMoney, useApi } from "../lib/api"
import { STATUS_COLOR, type Entry } from "../lib/types"

type Attribution = {
  promoter_id: string | null
  decided_by: "coupon" | "cart_referral" | "customer_binding" | "touch" | "none" | "self_referral_denied"
  channel: string | null
  self_referral: boolean
  promoter: { id: string; name: string; referral_code: string } | null
  promoters: { id: string; name: string; referral_code: string }[]
  candidates: { promoter_id: string; source: string; touch_id?: string | null; code?: string | null; channel?: string | null; occurred_at?: string | null }[]
  touches: { id: string; channel: string; source: string; occurred_at?: string; created_at?: string; utm_source?: string | null; utm_campaign?: string | null }[]
  [key: string]: unknown
}

/** Order details: which promoter got the credit, why, the candidates considered, and the commissions by level. */
const WHY: Record<Attribution["decided_by"], string> = {
  coupon: "The customer used the promoter's coupon code — a coupon outranks every other signal.",
  cart_referral: "The cart carried the promoter's referral (link or code) when the order was placed.",
  customer_binding: "The customer is bound to this promoter from an earlier order or sign-up.",
  touch: "The promoter's link, QR code or code was the qualifying touch within the attribution window.",
  none: "No coupon, referral, binding or touch pointed to a promoter.",
  self_referral_denied: "The only candidate was the buyer's own promoter account; self-referral is denied by the store's settings.",
}

const OrderAttributionWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const attribution = useApi<{ attribution: Attribution }>(`/admin/orders/${order.id}/promoter-attribution`)
  const commissions = useApi<{ commissions: Entry[] }>("/admin/commissions", { order_id: order.id })
  const notFound = attribution.error && /no attribution/i.test(String((attribution.error as Error).message))
  const a = attribution.data?.attribution
  const nameOf = (id: string) => a?.promoters.find((p) => p.id === id)
  return (
    <Container className="divide-y p-0" data-testid="promoter-attribution-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Promoter credit</Heading>
        {a?.promoter ? <Badge size="2xsmall">{a.promoter.referral_code}</Badge> : null}
      </div>
      {attribution.loading && !a ? (
        <Loading rows={2} />
      ) : notFound ? (
        <Empty title="No promoter credit">No coupon, referral, binding or touch pointed to a promoter for this order.</Empty>
      ) : attribution.error ? (
        <ErrorState error={attribution.error} onRetry={attribution.reload} />
      ) : a ? (
        <div className="flex flex-col gap-y-3 px-6 py-4">
          {a.promoter ? (
            <Text size="small">
              Credited to{" "}
              <Link to={`/promoters/${a.promoter.id}`} className="text-ui-fg-interactive">
                {a.promoter.name}
              </Link>{" "}
              by <Badge size="2xsmall">{a.decided_by.replace(/_/g, " ")}</Badge>
              {a.channel && a.channel !== a.decided_by ? <> via {a.channel}</> : null}
              {a.self_referral ? <> (self-referral)</> : null}
            </Text>
          ) : (
            <Text size="small">No promoter credited.</Text>
          )}
          <Text size="xsmall" className="text-ui-fg-subtle" data-testid="attribution-why">
            {WHY[a.decided_by]}
          </Text>
          {a.candidates.length ? (
            <div className="flex flex-col gap-y-1">
              <Text size="xsmall" weight="plus">
                Candidates considered
              </Text>
              {a.candidates.map((c, i) => {
                const touch = c.touch_id ? a.touches.find((t) => t.id === c.touch_id) : undefined
                return (
                  <Text key={i} size="xsmall" className="text-ui-fg-subtle" data-testid="attribution-candidate">
                    {c.promoter_id === a.promoter_id ? "✔ " : "· "}
                    {nameOf(c.promoter_id)?.name ?? c.promoter_id} — {c.source.replace(/_/g, " ")}
                    {c.code ? ` ${c.code}` : ""}
                    {touch
                      ? ` (${touch.channel}${touch.utm_campaign ? `, ${touch.utm_campaign}` : ""}, ${formatDate(touch.occurred_at ?? touch.created_at, true)})`
                      : c.occurred_at
                        ? ` (${formatDate(c.occurred_at, true)})`
                        : ""}
                  </Text>
                )
              })}
            </div>
          ) : null}
        </div>
      ) : null}
      {commissions.data?.commissions.length ? (
        <div className="flex flex-col gap-y-1 px-6 py-4">
          <Text size="xsmall" weight="plus">
            Commissions
          </Text>
          {commissions.data.commissions.map((e) => (
            <div key={e.id} className="flex items-center justify-between gap-x-2" data-testid="order-commission">
              <Text size="xsmall">
                {e.kind === "commission" ? `Level ${e.level}` : e.kind} ·{" "}
                <Link to={`/promoters/${e.promoter_id}`} className="text-ui-fg-interactive">
                  {e.promoter?.name ?? nameOf(e.promoter_id)?.name ?? e.promoter_id}
                </Link>
              </Text>
              <span className="flex items-center gap-x-2">
                <StatusBadge color={STATUS_COLOR[e.status]}>{e.status}</StatusBadge>
                <Text size="xsmall" weight="plus">
                  {formatMoney(e.amount, e.currency_code)}
                </Text>
              </span>
            </div>
          ))}
        </div>
      ) : null}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "order.details.side.after" })
export default OrderAttributionWidget
